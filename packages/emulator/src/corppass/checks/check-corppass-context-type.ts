/**
 * Corppass PAR authentication context (§4.1 [CP-ACX]; §8.2 row 12), each → else `invalid_request`:
 * - a Login app allow-listed for `APP_AUTHENTICATION_DEFAULT` must send exactly that value;
 * - a Login app not allow-listed, and any Myinfo Business app, must send neither context parameter;
 * - `authentication_context_message`: only with a type; at most 100 letters, digits and spaces.
 */
import { CORPPASS_DEFAULT_AUTH_CONTEXT_TYPE } from '@sgid-bff/protocol';
import { type Params, readParam } from '../../checks/read-param';
import { EmulatorError } from '../../errors';
import type { CorppassRegisteredClient } from '../config/corppass-client';

const MESSAGE = /^[A-Za-z0-9 ]{1,100}$/;

function fail(description: string): EmulatorError {
  return new EmulatorError('EMU_INVALID_REQUEST', { description });
}

export function checkCorppassContextType(client: CorppassRegisteredClient, params: Params): void {
  const type = readParam(params, 'authentication_context_type');
  const message = readParam(params, 'authentication_context_message');
  const allowListed =
    client.appType === 'login' && client.contextTypes?.has(CORPPASS_DEFAULT_AUTH_CONTEXT_TYPE) === true;
  if (!allowListed) {
    if (type !== undefined || message !== undefined)
      throw fail('this app is not allow-listed for authentication_context_type');
    return;
  }
  if (type !== CORPPASS_DEFAULT_AUTH_CONTEXT_TYPE)
    throw fail(`authentication_context_type must be ${CORPPASS_DEFAULT_AUTH_CONTEXT_TYPE}`);
  if (message !== undefined && !MESSAGE.test(message))
    throw fail('authentication_context_message must be at most 100 letters, digits and spaces');
}
