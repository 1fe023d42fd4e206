/**
 * `POST <issuer>/token` (§4.7, §4.8; §8.2 rows 17–22): form body; client authentication; a DPoP proof
 * (`htm` POST, `htu` this endpoint) from the key bound at PAR; the code, redirect_uri and verifier; then
 * `{access_token, id_token, token_type: "DPoP"}` with `no-store`. The code is spent before any await
 * that follows the checks, so two concurrent redemptions cannot both succeed.
 */
import { SINGPASS_ACR } from '@sgid-bff/protocol';
import type { FastifyInstance } from 'fastify';
import { EmulatorError } from '../../errors';
import { createRandomId } from '../../random-id';
import { checkDpopKeyBinding } from '../checks/check-dpop-key-binding';
import { checkDpopProof } from '../checks/check-dpop-proof';
import { checkFormBody } from '../checks/check-form-body';
import { checkSingpassCode } from '../checks/check-singpass-code';
import { checkSingpassVerifier } from '../checks/check-singpass-verifier';
import { buildSubAttributes } from '../claims/build-sub-attributes';
import { deriveSingpassSub } from '../claims/singpass-sub';
import { ACCESS_TOKEN_TTL_SECONDS, ID_TOKEN_TTL_SECONDS, SINGPASS_PATHS } from '../constants';
import { issueIdToken, signAccessToken } from '../crypto/issue-tokens';
import { selectEncryptionKey } from '../crypto/select-enc-key';
import type { SingpassContext } from '../singpass-context';
import { authenticateClient } from './authenticate-client';
import { sendFapiError } from './send-fapi-error';

/** `acr`/`amr` of the simulated authentication: LoA 3 (face) only when asked for and whitelisted. */
function authenticationOf(acrValues: readonly string[]): { acr: string; amr: string[] } {
  return acrValues[0] === SINGPASS_ACR.loa3
    ? { acr: SINGPASS_ACR.loa3, amr: ['pwd', 'otp-sms', 'face'] }
    : { acr: SINGPASS_ACR.loa2, amr: ['pwd', 'otp-sms'] };
}

export function registerSingpassTokenRoute(app: FastifyInstance, context: SingpassContext): void {
  const { shared, store } = context;
  const { config } = shared;
  const url = `${config.publicUrl}${SINGPASS_PATHS.token}`;
  app.register(async (scope) => {
    scope.setErrorHandler((error, _request, reply) => sendFapiError(reply, error));
    scope.post(SINGPASS_PATHS.token, async (request, reply) => {
      const params = checkFormBody(request.headers['content-type'], request.body);
      const client = await authenticateClient(context, params);
      if (request.headers.dpop === undefined)
        throw new EmulatorError('EMU_INVALID_REQUEST', { description: 'a DPoP header is required' });
      const proof = await checkDpopProof({
        header: request.headers.dpop,
        method: 'POST',
        url,
        now: context.now(),
        replay: context.dpopReplay,
        requireExp: config.singpass.requireDpopExp,
        forceReplay: context.hasFault(client, 'dpop-replayed'),
      });
      const { code, grant } = checkSingpassCode(store, client, params, shared.clock());
      checkDpopKeyBinding(
        proof.jkt,
        grant.params.jkt,
        config.singpass.dpopKeyMismatchError,
        context.hasFault(client, 'dpop-key-mismatch'),
      );
      checkSingpassVerifier(params, grant.params.codeChallenge);

      const now = context.now();
      const tokenId = createRandomId(16);
      const sub = deriveSingpassSub(shared.secrets.subSecret, client.id, grant.nric);
      store.spendCode(code, grant, tokenId, (now + ACCESS_TOKEN_TTL_SECONDS) * 1000);
      store.recordAccessToken(tokenId, {
        clientId: client.id,
        nric: grant.nric,
        sub,
        scopes: grant.params.scopes,
        jkt: proof.jkt,
        expiresAt: (now + ACCESS_TOKEN_TTL_SECONDS) * 1000,
      });

      const persona = shared.personas.find(grant.nric);
      if (persona === undefined) throw new EmulatorError('EMU_INTERNAL');
      const encKey = selectEncryptionKey(await context.clientKeys.keysOf(client, false));
      const subAttributes = buildSubAttributes(persona, grant.params.scopes);
      const accessToken = await signAccessToken(context.opKey, {
        iss: config.singpassIssuer,
        sub,
        aud: config.singpassIssuer,
        client_id: client.id,
        scope: grant.params.scopes.join(' '),
        jti: tokenId,
        iat: now,
        exp: now + ACCESS_TOKEN_TTL_SECONDS,
        cnf: { jkt: proof.jkt },
      });
      const idToken = await issueIdToken(
        context.opKey,
        {
          sub,
          sub_type: 'user',
          ...(subAttributes === undefined ? {} : { sub_attributes: subAttributes }),
          aud: client.id,
          iss: context.hasFault(client, 'wrong-iss')
            ? 'https://attacker.example/singpass/v3/fapi'
            : config.singpassIssuer,
          iat: now,
          exp: now + ID_TOKEN_TTL_SECONDS,
          nonce: grant.params.nonce,
          ...authenticationOf(grant.params.acrValues),
        },
        encKey,
        context.hasFault(client, 'enc-alg-swap'),
      );
      return reply
        .header('cache-control', 'no-store')
        .header('pragma', 'no-cache')
        .send({ access_token: accessToken, id_token: idToken, token_type: 'DPoP' });
    });
  });
}
