/**
 * PAR key binding (§4.1 `dpop_jkt`, §4.6; §8.2 row 4; RFC 9449 §10):
 * - a `DPoP` header or a `dpop_jkt` parameter must be present → else `invalid_request` (Singpass's
 *   documented code for "neither");
 * - when both are, they must name the same key → else `invalid_request` (the code is unconfirmed, ?;
 *   the strict reading: the same code as the missing case).
 * Returns the thumbprint the request_uri, code and access token are bound to.
 */
import { type Params, readParam } from '../../checks/read-param';
import { EmulatorError } from '../../errors';

export function checkDpopBinding(params: Params, proofJkt: string | undefined): string {
  const dpopJkt = readParam(params, 'dpop_jkt');
  if (proofJkt === undefined && dpopJkt === undefined) {
    throw new EmulatorError('EMU_INVALID_REQUEST', { description: 'a DPoP header or dpop_jkt is required' });
  }
  if (proofJkt !== undefined && dpopJkt !== undefined && proofJkt !== dpopJkt) {
    throw new EmulatorError('EMU_INVALID_REQUEST', {
      description: 'dpop_jkt does not match the DPoP proof key',
    });
  }
  return (proofJkt ?? dpopJkt) as string;
}
