/**
 * `GET <userinfo endpoint>` (§4.10; §8.2 rows 23–26), for every FAPI provider (Corppass also takes a form
 * `POST`, the proof's `htm` then POST): `Authorization: DPoP <token>` with a valid, unrevoked access
 * token; a DPoP proof (`htu` this endpoint, `ath`) from the token's `cnf.jkt` key; then 200
 * `application/jwt`: a JWE (A256GCM) of an ES256 JWS of `{sub, aud, iss, iat, …}` where the profile adds
 * the rest (Singpass: `person_info`, refused for an SFA holder on a Myinfo app; Corppass: `auth_info`,
 * `tp_auth_info`). An unreachable client JWKS is `invalid_request` here (§4.11).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EmulatorError, isEmulatorError } from '../../errors';
import { delay } from '../../faults';
import { checkDpopAuthorization } from '../checks/check-dpop-authorization';
import { checkDpopProof } from '../checks/check-dpop-proof';
import { issueUserinfo } from '../crypto/issue-tokens';
import { selectEncryptionKey } from '../crypto/select-enc-key';
import type { FapiRegisteredClient } from '../fapi-profile';
import type { FapiContext } from '../singpass-context';
import { sendFapiError } from './send-fapi-error';

export function registerSingpassUserinfoRoute<C extends FapiRegisteredClient>(
  app: FastifyInstance,
  context: FapiContext<C>,
): void {
  const { shared, profile } = context;
  const { config } = shared;
  const url = `${config.publicUrl}${profile.paths.userinfo}`;

  async function answer(request: FastifyRequest, reply: FastifyReply, method: 'GET' | 'POST') {
    const { token, grant, jkt } = await checkDpopAuthorization(request.headers.authorization, {
      key: context.opKey.publicKey,
      issuer: profile.issuer,
      store: context.store,
      now: context.now(),
    });
    const client = profile.clients.get(grant.clientId);
    if (client === undefined) throw new EmulatorError('EMU_INVALID_TOKEN');
    if (context.hasFault(client, 'slow-userinfo')) await delay(config.faultDelayMs);
    if (context.hasFault(client, 'userinfo-error')) throw new EmulatorError('EMU_FAULT_INJECTED');
    const proof = await checkDpopProof({
      header: request.headers.dpop,
      method,
      url,
      now: context.now(),
      replay: context.dpopReplay,
      requireExp: profile.options.requireDpopExp,
      accessToken: token,
      forceReplay: context.hasFault(client, 'dpop-replayed'),
    });
    if (proof.jkt !== jkt)
      throw new EmulatorError('EMU_INVALID_DPOP_PROOF', {
        description: 'the DPoP key is not the one the token is bound to',
      });
    const persona = shared.personas.find(grant.nric);
    if (persona === undefined) throw new EmulatorError('EMU_INTERNAL');
    const now = context.now();
    const claims = profile.buildUserinfoClaims({
      client,
      persona,
      sub: grant.sub,
      userSub: grant.userSub ?? grant.sub,
      entityId: grant.entityId,
      scopes: grant.scopes,
      now,
      faults: new Set(shared.faults.list(client.id)),
    });
    let keys: Awaited<ReturnType<typeof context.clientKeys.keysOf>>;
    try {
      keys = await context.clientKeys.keysOf(client, context.hasFault(client, 'jwks-unreachable'));
    } catch (error) {
      if (!isEmulatorError(error)) throw error;
      throw new EmulatorError('EMU_INVALID_REQUEST', {
        description: "the client's JWKS could not be fetched",
        cause: error,
      });
    }
    const body = await issueUserinfo(
      context.opKey,
      {
        sub: context.hasFault(client, 'sub-mismatch') ? profile.otherSubject(grant.sub) : grant.sub,
        aud: client.id,
        iss: profile.issuer,
        iat: now,
        ...claims,
      },
      selectEncryptionKey(keys),
      profile.userinfoJweHeader,
    );
    return reply.header('cache-control', 'no-store').type('application/jwt').send(body);
  }

  app.register(async (scope) => {
    scope.setErrorHandler((error, _request, reply) => sendFapiError(reply, error, { userinfo: true }));
    scope.get(profile.paths.userinfo, (request, reply) => answer(request, reply, 'GET'));
    if (profile.userinfoAcceptsPost)
      scope.post(profile.paths.userinfo, (request, reply) => answer(request, reply, 'POST'));
  });
}
