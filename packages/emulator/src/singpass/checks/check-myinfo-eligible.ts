/**
 * Userinfo for a Myinfo app (§4.10, §4.11; §8.2 row 25): a Singpass Foreign Account holder has no Myinfo
 * data, so the request is `invalid_request` (400, no `WWW-Authenticate`). Login apps are not affected.
 */
import { EmulatorError } from '../../errors';
import type { Persona } from '../../personas/persona';
import type { SingpassRegisteredClient } from '../config/singpass-client';

export function checkMyinfoEligible(client: SingpassRegisteredClient, persona: Persona): void {
  if (client.appType === 'myinfo' && persona.foreignAccount !== undefined)
    throw new EmulatorError('EMU_SFA_NO_MYINFO');
}
