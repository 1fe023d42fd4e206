/**
 * `GET <issuer>/userinfo` (§4.10; §8.2 rows 23–26): `Authorization: DPoP <token>` with a valid, unrevoked
 * access token; a DPoP proof (`htm` GET, `htu` this endpoint, `ath`) from the token's `cnf.jkt` key; not
 * an SFA holder for a Myinfo app; then 200 `application/jwt`: a JWE (A256GCM) of an ES256 JWS of
 * `{sub, aud, iss, iat, person_info}`. A Login app gets an empty `person_info` (what Singpass answers
 * Login apps is unconfirmed, ?). An unreachable client JWKS is `invalid_request` here (§4.11).
 */
import type { FastifyInstance } from 'fastify';
import { EmulatorError, isEmulatorError } from '../../errors';
import { delay } from '../../faults';
import { checkDpopAuthorization } from '../checks/check-dpop-authorization';
import { checkDpopProof } from '../checks/check-dpop-proof';
import { checkMyinfoEligible } from '../checks/check-myinfo-eligible';
import { buildPersonInfo } from '../claims/build-person-info';
import { deriveSingpassSub } from '../claims/singpass-sub';
import { SINGPASS_PATHS } from '../constants';
import { issueUserinfo } from '../crypto/issue-tokens';
import { selectEncryptionKey } from '../crypto/select-enc-key';
import type { SingpassContext } from '../singpass-context';
import { sendFapiError } from './send-fapi-error';

export function registerSingpassUserinfoRoute(app: FastifyInstance, context: SingpassContext): void {
  const { shared } = context;
  const { config } = shared;
  const url = `${config.publicUrl}${SINGPASS_PATHS.userinfo}`;
  app.register(async (scope) => {
    scope.setErrorHandler((error, _request, reply) => sendFapiError(reply, error, { userinfo: true }));
    scope.get(SINGPASS_PATHS.userinfo, async (request, reply) => {
      const { token, grant, jkt } = await checkDpopAuthorization(request.headers.authorization, {
        key: context.opKey.publicKey,
        issuer: config.singpassIssuer,
        store: context.store,
        now: context.now(),
      });
      const client = config.singpassClients.get(grant.clientId);
      if (client === undefined) throw new EmulatorError('EMU_INVALID_TOKEN');
      if (context.hasFault(client, 'slow-userinfo')) await delay(config.faultDelayMs);
      if (context.hasFault(client, 'userinfo-error')) throw new EmulatorError('EMU_FAULT_INJECTED');
      const proof = await checkDpopProof({
        header: request.headers.dpop,
        method: 'GET',
        url,
        now: context.now(),
        replay: context.dpopReplay,
        requireExp: config.singpass.requireDpopExp,
        accessToken: token,
        forceReplay: context.hasFault(client, 'dpop-replayed'),
      });
      if (proof.jkt !== jkt)
        throw new EmulatorError('EMU_INVALID_DPOP_PROOF', {
          description: 'the DPoP key is not the one the token is bound to',
        });
      const persona = shared.personas.find(grant.nric);
      if (persona === undefined) throw new EmulatorError('EMU_INTERNAL');
      checkMyinfoEligible(client, persona);
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
          // Another well-formed UUID: the RP must notice it is not the ID token's.
          sub: context.hasFault(client, 'sub-mismatch')
            ? deriveSingpassSub(shared.secrets.subSecret, `sub-mismatch\u0000${client.id}`, grant.nric)
            : grant.sub,
          aud: client.id,
          iss: config.singpassIssuer,
          iat: context.now(),
          person_info: client.appType === 'myinfo' ? buildPersonInfo(persona, grant.scopes) : {},
        },
        selectEncryptionKey(keys),
      );
      return reply.header('cache-control', 'no-store').type('application/jwt').send(body);
    });
  });
}
