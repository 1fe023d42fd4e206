/**
 * Authorize: the scope (SGID-PROTOCOL.md §3.1, §7; RFC 6749 §3.3).
 * - `scope` missing → `invalid_request`; not space-separated tokens → `invalid_scope`.
 * - `openid` must be present → else `invalid_scope`.
 * - every other scope must be a known data scope and within the client's registration → else
 *   `invalid_scope` (registered scopes are "the maximum list").
 * Repeated scopes are accepted once. Returns the data scopes in request order, without `openid`.
 */
import { type DataScope, isDataScope, OPENID_SCOPE } from '@sgid-bff/protocol';
import type { RegisteredClient } from '../config/emulator-config';
import { EmulatorError } from '../errors';
import { type Params, requireParam } from './read-param';

// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), separated by single spaces.
const SCOPE_LIST = /^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/;

export function checkScope(client: RegisteredClient, params: Params): DataScope[] {
  const value = requireParam(params, 'scope');
  if (!SCOPE_LIST.test(value)) {
    throw new EmulatorError('EMU_INVALID_SCOPE', {
      description: 'scope must be space-separated scope tokens',
    });
  }
  const requested = [...new Set(value.split(' '))];
  if (!requested.includes(OPENID_SCOPE)) {
    throw new EmulatorError('EMU_INVALID_SCOPE', { description: 'scope must include openid' });
  }
  const dataScopes: DataScope[] = [];
  for (const scope of requested) {
    if (scope === OPENID_SCOPE) continue;
    if (!isDataScope(scope)) {
      throw new EmulatorError('EMU_INVALID_SCOPE', { description: `unknown scope ${scope}` });
    }
    if (!client.scopes.has(scope)) {
      throw new EmulatorError('EMU_INVALID_SCOPE', {
        description: `scope ${scope} is not registered for this client`,
      });
    }
    dataScopes.push(scope);
  }
  return dataScopes;
}
