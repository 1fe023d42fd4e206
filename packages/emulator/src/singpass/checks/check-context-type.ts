/**
 * PAR authentication context (§4.1; §8.2 row 12), each → else `invalid_request`:
 * - Login apps: `authentication_context_type` required, a documented value (the `APP_*` list, or the
 *   `CPF_`/`BANK_`/`FI_`/`TELCO_` families by shape, whose full list the emulator does not carry) and,
 *   when the client registers `contextTypes`, one of them;
 * - Myinfo apps: neither context parameter may be sent;
 * - `authentication_context_message`: at most 100 of `A-Za-z0-9 .,-@'!()`.
 */
import { type Params, readParam } from '../../checks/read-param';
import { EmulatorError } from '../../errors';
import type { SingpassRegisteredClient } from '../config/singpass-client';
import { APP_CONTEXT_TYPES, SECTOR_CONTEXT_TYPE_PATTERN } from '../constants';

const MESSAGE = /^[A-Za-z0-9 .,\-@'!()]{1,100}$/;

function fail(description: string): EmulatorError {
  return new EmulatorError('EMU_INVALID_REQUEST', { description });
}

export function checkContextType(client: SingpassRegisteredClient, params: Params): void {
  const type = readParam(params, 'authentication_context_type');
  const message = readParam(params, 'authentication_context_message');
  if (client.appType === 'myinfo') {
    if (type !== undefined || message !== undefined)
      throw fail('authentication_context_type and authentication_context_message are only for Login apps');
    return;
  }
  if (type === undefined) throw fail('authentication_context_type is required for Login apps');
  const known =
    (APP_CONTEXT_TYPES as readonly string[]).includes(type) || SECTOR_CONTEXT_TYPE_PATTERN.test(type);
  if (!known || (client.contextTypes !== undefined && !client.contextTypes.has(type)))
    throw fail('authentication_context_type is not a value allowed for this app');
  if (message !== undefined && !MESSAGE.test(message))
    throw fail("authentication_context_message must be at most 100 of A-Z a-z 0-9 space . , - @ ' ! ( )");
}
