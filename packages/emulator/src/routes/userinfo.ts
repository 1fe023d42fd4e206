/**
 * `GET /v2/oauth/userinfo` (SGID-PROTOCOL.md §3.3, §6, §11): a valid bearer token, then `{sub, key, data}`
 * with exactly the scopes granted to the code, encrypted to the client's registered key. For an
 * openid-only login `key` and `data` are absent. Failures: 401 + `WWW-Authenticate: Bearer`.
 */
import { SGID_PATHS, type UserinfoResponse } from '@sgid-bff/protocol';
import type { FastifyInstance } from 'fastify';
import { checkBearer } from '../checks/check-bearer';
import type { EmulatorContext } from '../context';
import { type EncryptionMode, encryptUserinfo } from '../crypto/encrypt-userinfo';
import { derivePairwiseSub } from '../crypto/pairwise-sub';
import { EmulatorError } from '../errors';
import { delay } from '../faults';
import { readPersonaValue } from '../personas/persona';
import { sendOAuthError } from './oauth-error-response';

export function registerUserinfoRoute(app: FastifyInstance, context: EmulatorContext): void {
  const { config, faults } = context;

  app.register(async (scope) => {
    scope.setErrorHandler((error, _request, reply) => sendOAuthError(reply, error));

    scope.get(SGID_PATHS.userinfo, async (request, reply) => {
      const grant = checkBearer(context.grants, request.headers.authorization);
      const client = config.clients.get(grant.clientId);
      const persona = context.personas.find(grant.nric);
      if (client === undefined || persona === undefined) throw new EmulatorError('EMU_INTERNAL');

      if (faults.has(client.id, 'slow-userinfo')) await delay(config.faultDelayMs);
      if (faults.has(client.id, 'userinfo-error')) throw new EmulatorError('EMU_FAULT_INJECTED');

      const sub = faults.has(client.id, 'sub-mismatch')
        ? derivePairwiseSub(context.secrets.subSecret, client.id, `${grant.nric}/other`)
        : grant.sub;
      const body: UserinfoResponse = { sub };
      if (grant.scopes.length > 0) {
        const values: Record<string, string> = {};
        for (const scopeName of grant.scopes) values[scopeName] = readPersonaValue(persona, scopeName);
        let mode: EncryptionMode = 'sgid';
        if (faults.has(client.id, 'unexpected-jwe-alg')) mode = 'unexpected-alg';
        else if (faults.has(client.id, 'malformed-jwe')) mode = 'malformed';
        const encrypted = await encryptUserinfo(client.publicKey, values, mode);
        body.key = encrypted.key;
        body.data = encrypted.data;
      }
      return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(body);
    });
  });
}
