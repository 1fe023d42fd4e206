/**
 * PAR `scope` (§4.1, §5; §8.2 row 7): space-separated; `openid` required; every scope one the app
 * registered (which the config limited to its app type's catalogue) → else `invalid_scope`.
 * Returns the scopes in request order, without duplicates.
 */
import { type Params, readParam } from '../../checks/read-param';
import { EmulatorError } from '../../errors';
import type { FapiRegisteredClient } from '../fapi-profile';

export function checkParScope(client: FapiRegisteredClient, params: Params): string[] {
  const scopes = [...new Set((readParam(params, 'scope') ?? '').split(' ').filter((s) => s !== ''))];
  if (!scopes.includes('openid'))
    throw new EmulatorError('EMU_INVALID_SCOPE', { description: 'scope must include openid' });
  const refused = scopes.filter((scope) => !client.scopes.has(scope));
  if (refused.length > 0) {
    throw new EmulatorError('EMU_INVALID_SCOPE', {
      description: `scope not allowed for this app: ${refused.join(' ').slice(0, 200)}`,
    });
  }
  return scopes;
}
