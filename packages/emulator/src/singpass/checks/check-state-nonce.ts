/**
 * PAR `state` and `nonce` (§4.1; §8.2 row 8): both required; at most 255 characters of
 * `[A-Za-z0-9/+_\-=.]` → else `invalid_request`. (Fewer than 30 characters is allowed, as Singpass only
 * advises ≥ 30; MockPass refuses it, which is stricter than Singpass.)
 */
import { type Params, requireParam } from '../../checks/read-param';
import { EmulatorError } from '../../errors';

const OPAQUE_VALUE = /^[A-Za-z0-9/+_\-=.]{1,255}$/;

function check(params: Params, name: 'state' | 'nonce'): string {
  const value = requireParam(params, name);
  if (!OPAQUE_VALUE.test(value)) {
    throw new EmulatorError('EMU_INVALID_REQUEST', {
      description: `${name} must be at most 255 characters of A-Z a-z 0-9 / + _ - = .`,
    });
  }
  return value;
}

export function checkStateAndNonce(params: Params): { state: string; nonce: string } {
  return { state: check(params, 'state'), nonce: check(params, 'nonce') };
}
