/**
 * `POST <issuer>/token` (§4.7, §4.8; §8.2 rows 17–22): form body; client authentication; a DPoP proof
 * (`htm` POST, `htu` this endpoint) from the key bound at PAR; the code, redirect_uri and verifier; then
 * `{access_token, id_token, token_type: "DPoP"}` with `no-store`. The code is spent before any await
 * that follows the checks, so two concurrent redemptions cannot both succeed.
 */
import type { FastifyInstance } from 'fastify';
import { EmulatorError } from '../../errors';
import { delay } from '../../faults';
import { createRandomId } from '../../random-id';
import { checkDpopKeyBinding } from '../checks/check-dpop-key-binding';
import { checkDpopProof } from '../checks/check-dpop-proof';
import { checkFormBody } from '../checks/check-form-body';
import { checkSingpassCode } from '../checks/check-singpass-code';
import { checkSingpassVerifier } from '../checks/check-singpass-verifier';
import { buildIdTokenClaims } from '../claims/build-id-token-claims';
import { buildSubAttributes } from '../claims/build-sub-attributes';
import { deriveSingpassSub } from '../claims/singpass-sub';
import { ACCESS_TOKEN_TTL_SECONDS, SINGPASS_PATHS } from '../constants';
import { issueIdToken, signAccessToken } from '../crypto/issue-tokens';
import { selectEncryptionKey } from '../crypto/select-enc-key';
import type { SingpassContext } from '../singpass-context';
import { authenticateClient } from './authenticate-client';
import { sendFapiError } from './send-fapi-error';

export function registerSingpassTokenRoute(app: FastifyInstance, context: SingpassContext): void {
  const { shared, store } = context;
  const { config } = shared;
  const url = `${config.publicUrl}${SINGPASS_PATHS.token}`;
  app.register(async (scope) => {
    scope.setErrorHandler((error, _request, reply) => sendFapiError(reply, error));
    scope.post(SINGPASS_PATHS.token, async (request, reply) => {
      const params = checkFormBody(request.headers['content-type'], request.body);
      const client = await authenticateClient(context, params);
      if (context.hasFault(client, 'slow-token')) await delay(config.faultDelayMs);
      if (context.hasFault(client, 'token-error')) throw new EmulatorError('EMU_FAULT_INJECTED');
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
      const faults = new Set(shared.faults.list(client.id));
      const idToken = await issueIdToken(
        context.opKey,
        buildIdTokenClaims({
          issuer: config.singpassIssuer,
          clientId: client.id,
          sub,
          subAttributes: buildSubAttributes(persona, grant.params.scopes),
          nonce: grant.params.nonce,
          acrValues: grant.params.acrValues,
          now,
          faults,
        }),
        encKey,
        {
          swapAlgorithms: faults.has('enc-alg-swap'),
          corruptSignature: faults.has('bad-signature'),
          unknownKid: faults.has('unknown-kid'),
        },
      );
      return reply
        .header('cache-control', 'no-store')
        .header('pragma', 'no-cache')
        .send({ access_token: accessToken, id_token: idToken, token_type: 'DPoP' });
    });
  });
}
