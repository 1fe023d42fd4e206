/**
 * `POST <token endpoint>` (§4.7, §4.8; §8.2 rows 17–22), for every FAPI provider: form body; client
 * authentication; a DPoP proof (`htm` POST, `htu` this endpoint) from the key bound at PAR; the code,
 * redirect_uri and verifier; then `{access_token, id_token, token_type: "DPoP"}` with `no-store`
 * (Corppass adds the granted `scope`, and its access token lives 600 s, not 1800 s). The code is spent
 * before any await that follows the checks, so two concurrent redemptions cannot both succeed.
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
import { deriveSingpassSub } from '../claims/singpass-sub';
import { issueIdToken, signAccessToken } from '../crypto/issue-tokens';
import { selectEncryptionKey } from '../crypto/select-enc-key';
import type { FapiRegisteredClient } from '../fapi-profile';
import type { FapiContext } from '../singpass-context';
import { authenticateClient } from './authenticate-client';
import { sendFapiError } from './send-fapi-error';

export function registerSingpassTokenRoute<C extends FapiRegisteredClient>(
  app: FastifyInstance,
  context: FapiContext<C>,
): void {
  const { shared, store, profile } = context;
  const { config } = shared;
  const url = `${config.publicUrl}${profile.paths.token}`;
  const ttl = profile.accessTokenTtlSeconds;
  app.register(async (scope) => {
    scope.setErrorHandler((error, _request, reply) => sendFapiError(reply, error));
    scope.post(profile.paths.token, async (request, reply) => {
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
        requireExp: profile.options.requireDpopExp,
        forceReplay: context.hasFault(client, 'dpop-replayed'),
      });
      const { code, grant } = checkSingpassCode(store, client, params, shared.clock());
      checkDpopKeyBinding(
        proof.jkt,
        grant.params.jkt,
        profile.options.dpopKeyMismatchError,
        context.hasFault(client, 'dpop-key-mismatch'),
      );
      checkSingpassVerifier(params, grant.params.codeChallenge);

      const now = context.now();
      const tokenId = createRandomId(16);
      const userSub = deriveSingpassSub(shared.secrets.subSecret, client.id, grant.nric);
      const sub = profile.subjectOf(userSub, grant.entityId);
      store.spendCode(code, grant, tokenId, (now + ttl) * 1000);
      store.recordAccessToken(tokenId, {
        clientId: client.id,
        nric: grant.nric,
        sub,
        userSub,
        ...(grant.entityId === undefined ? {} : { entityId: grant.entityId }),
        scopes: grant.params.scopes,
        jkt: proof.jkt,
        expiresAt: (now + ttl) * 1000,
      });

      const persona = shared.personas.find(grant.nric);
      if (persona === undefined) throw new EmulatorError('EMU_INTERNAL');
      const encKey = selectEncryptionKey(await context.clientKeys.keysOf(client, false));
      const scopeText = grant.params.scopes.join(' ');
      const accessToken = await signAccessToken(context.opKey, {
        iss: profile.issuer,
        sub,
        aud: profile.issuer,
        client_id: client.id,
        scope: scopeText,
        jti: tokenId,
        iat: now,
        exp: now + ttl,
        cnf: { jkt: proof.jkt },
      });
      const faults = new Set(shared.faults.list(client.id));
      const idToken = await issueIdToken(
        context.opKey,
        profile.buildIdTokenClaims({
          client,
          persona,
          sub,
          userSub,
          entityId: grant.entityId,
          scopes: grant.params.scopes,
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
        .send({
          access_token: accessToken,
          id_token: idToken,
          token_type: 'DPoP',
          ...(profile.echoScope ? { scope: scopeText } : {}),
        });
    });
  });
}
