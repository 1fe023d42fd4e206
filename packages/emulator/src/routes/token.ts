/**
 * `POST /v2/oauth/token` (SGID-PROTOCOL.md §3.2, §5, §11). Form-encoded (JSON also accepted, as sgID v1
 * did); client_secret_post; the code is redeemed once, only on full success, after every binding
 * (client, redirect_uri, PKCE) checked. Errors are RFC 6749 §5.2 JSON.
 */
import { SGID_PATHS } from '@sgid-bff/protocol';
import type { FastifyInstance } from 'fastify';
import { checkClientAuth } from '../checks/check-client-auth';
import { checkCode } from '../checks/check-code';
import { checkGrantType } from '../checks/check-grant-type';
import { checkCodeVerifier } from '../checks/check-pkce';
import type { Params } from '../checks/read-param';
import type { EmulatorContext } from '../context';
import { derivePairwiseSub } from '../crypto/pairwise-sub';
import { signIdToken } from '../crypto/sign-id-token';
import { EmulatorError } from '../errors';
import { delay } from '../faults';
import { sendOAuthError } from './oauth-error-response';

function readBody(body: unknown): Params {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new EmulatorError('EMU_INVALID_REQUEST', {
      description: 'the body must be form-encoded parameters',
    });
  }
  return body as Params;
}

export function registerTokenRoute(app: FastifyInstance, context: EmulatorContext): void {
  const { config, faults, grants } = context;

  app.register(async (scope) => {
    scope.setErrorHandler((error, _request, reply) => sendOAuthError(reply, error));

    scope.post(SGID_PATHS.token, async (request, reply) => {
      const params = readBody(request.body);
      const client = checkClientAuth(config.clients, params, request.headers.authorization);
      if (faults.has(client.id, 'slow-token')) await delay(config.faultDelayMs);
      if (faults.has(client.id, 'token-error')) throw new EmulatorError('EMU_FAULT_INJECTED');

      checkGrantType(params);
      const { code, grant } = checkCode(grants, client, params);
      checkCodeVerifier(params, grant.params.codeChallenge);

      // Spend the code before any await: two concurrent redemptions cannot both succeed.
      const sub = derivePairwiseSub(context.secrets.subSecret, client.id, grant.nric);
      const access = grants.issueAccessToken(
        { clientId: client.id, nric: grant.nric, sub, scopes: grant.params.scopes },
        config.accessTokenTtlMs,
      );
      grants.spendCode(code, grant, access.token, access.expiresAt);

      const idToken = await signIdToken(context.secrets.signingKey, {
        issuer: config.issuer,
        sub,
        clientId: client.id,
        nonce: grant.params.nonce,
        now: Math.floor(context.clock() / 1000),
        ttlSeconds: config.idTokenTtlSeconds,
        faults: new Set(faults.list(client.id)),
      });
      return reply
        .header('cache-control', 'no-store')
        .header('pragma', 'no-cache')
        .send({
          access_token: access.token,
          token_type: 'Bearer',
          expires_in: Math.floor(config.accessTokenTtlMs / 1000),
          id_token: idToken,
        });
    });
  });
}
