/**
 * PAR and token bodies (SINGPASS-CORPPASS-FAPI.md §4.1, §4.7; §8.2 row 1):
 * - the request is a POST with `application/x-www-form-urlencoded` (JSON is refused, unlike sgID's token
 *   endpoint) → else `invalid_request`;
 * - the parsed body is a flat object of parameters.
 */

import type { Params } from '../../checks/read-param';
import { EmulatorError } from '../../errors';

export function checkFormBody(contentType: string | undefined, body: unknown): Params {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (
    type !== 'application/x-www-form-urlencoded' ||
    typeof body !== 'object' ||
    body === null ||
    Array.isArray(body)
  ) {
    throw new EmulatorError('EMU_INVALID_REQUEST', {
      description: 'the body must be application/x-www-form-urlencoded parameters',
    });
  }
  return body as Params;
}
