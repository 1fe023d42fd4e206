/**
 * Token endpoint key binding (§4.6 "Key", §4.7; §8.2 rows 17, 20):
 * - the token request's DPoP key thumbprint = the one bound at PAR → else `invalid_grant` (Singpass's
 *   code is unconfirmed, ?; the `dpopKeyMismatchError` toggle answers `invalid_dpop_proof` instead);
 * - the `dpop-key-mismatch` fault answers the mismatch whatever the key.
 */
import { EmulatorError } from '../../errors';

export function checkDpopKeyBinding(
  proofJkt: string,
  boundJkt: string,
  mismatchError: 'invalid_grant' | 'invalid_dpop_proof',
  forceMismatch: boolean,
): void {
  if (!forceMismatch && proofJkt === boundJkt) return;
  throw new EmulatorError(
    mismatchError === 'invalid_grant' ? 'EMU_INVALID_GRANT' : 'EMU_INVALID_DPOP_PROOF',
    {
      description: 'the DPoP key differs from the one bound at PAR',
    },
  );
}
