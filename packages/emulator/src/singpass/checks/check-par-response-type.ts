/**
 * PAR `response_type` (§4.1; §8.2 row 6): required and exactly `code` → else `invalid_request` (the
 * code Singpass answers is unconfirmed, ?; strict reading: a bad PAR parameter is `invalid_request`).
 */
import { type Params, requireParam } from '../../checks/read-param';
import { EmulatorError } from '../../errors';

export function checkParResponseType(params: Params): void {
  if (requireParam(params, 'response_type') !== 'code') {
    throw new EmulatorError('EMU_INVALID_REQUEST', { description: 'response_type must be code' });
  }
}
