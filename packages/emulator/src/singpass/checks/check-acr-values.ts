/**
 * PAR `acr_values` (§4.1; §8.2 row 11): optional; space-separated; each value loa:2 or loa:3 and one
 * the app is whitelisted for (config `acrValues`) → else `invalid_request` (code unconfirmed, ?; loa:1 is
 * refused, unlike MockPass).
 */
import { SINGPASS_ACR } from '@sgid-bff/protocol';
import { type Params, readParam } from '../../checks/read-param';
import { EmulatorError } from '../../errors';
import type { FapiRegisteredClient } from '../fapi-profile';

const REQUESTABLE: readonly string[] = [SINGPASS_ACR.loa2, SINGPASS_ACR.loa3];

export function checkAcrValues(client: FapiRegisteredClient, params: Params): string[] {
  const values = (readParam(params, 'acr_values') ?? '').split(' ').filter((v) => v !== '');
  for (const value of values) {
    if (!REQUESTABLE.includes(value) || !client.acrValues.has(value)) {
      throw new EmulatorError('EMU_INVALID_REQUEST', {
        description: 'acr_values must be Singpass LoA values this app is whitelisted for',
      });
    }
  }
  return values;
}
