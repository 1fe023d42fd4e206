/**
 * `POST <issuer>/par` (§4.1, §4.2; §8.2 rows 1–13): form body; client authentication; the DPoP proof
 * (`htm` POST, `htu` this endpoint) or `dpop_jkt`; every authorization parameter; then 201
 * `{request_uri, expires_in: 60}` bound to the client, the parameters and the key thumbprint.
 */
import type { FastifyInstance } from 'fastify';
import { checkCodeChallenge } from '../../checks/check-pkce';
import { type Params, readParam } from '../../checks/read-param';
import { checkAcrValues } from '../checks/check-acr-values';
import { checkDpopBinding } from '../checks/check-dpop-binding';
import { checkDpopProof } from '../checks/check-dpop-proof';
import { checkFormBody } from '../checks/check-form-body';
import { checkParRedirect } from '../checks/check-par-redirect';
import { checkParResponseType } from '../checks/check-par-response-type';
import { checkParScope } from '../checks/check-par-scope';
import { checkStateAndNonce } from '../checks/check-state-nonce';
import { PAR_TTL_SECONDS } from '../constants';
import type { FapiRegisteredClient } from '../fapi-profile';
import type { FapiContext } from '../singpass-context';
import { authenticateClient } from './authenticate-client';
import { sendFapiError } from './send-fapi-error';

/** The request's `state`, if it is one Singpass would echo (a bad one is not reflected). */
function echoableState(body: unknown): string | undefined {
  try {
    const state = readParam((body ?? {}) as Params, 'state');
    return state !== undefined && /^[A-Za-z0-9/+_\-=.]{1,255}$/.test(state) ? state : undefined;
  } catch {
    return undefined;
  }
}

export function registerParRoute<C extends FapiRegisteredClient>(
  app: FastifyInstance,
  context: FapiContext<C>,
): void {
  const { config } = context.shared;
  const { profile } = context;
  const url = `${config.publicUrl}${profile.paths.par}`;
  app.register(async (scope) => {
    scope.setErrorHandler((error, request, reply) =>
      sendFapiError(reply, error, { state: echoableState(request.body) }),
    );
    scope.post(profile.paths.par, async (request, reply) => {
      const params = checkFormBody(request.headers['content-type'], request.body);
      const client = await authenticateClient(context, params);
      const proof =
        request.headers.dpop === undefined
          ? undefined
          : await checkDpopProof({
              header: request.headers.dpop,
              method: 'POST',
              url,
              now: context.now(),
              replay: context.dpopReplay,
              requireExp: profile.options.requireDpopExp,
              forceReplay: context.hasFault(client, 'dpop-replayed'),
            });
      const jkt = checkDpopBinding(params, proof?.jkt);
      checkParResponseType(params);
      const scopes = checkParScope(client, params);
      const { state, nonce } = checkStateAndNonce(params);
      const redirectUri = checkParRedirect(client, params);
      const codeChallenge = checkCodeChallenge(params);
      const acrValues = checkAcrValues(client, params);
      profile.checkContextType(client, params);
      const requestUri = context.store.push(
        { clientId: client.id, redirectUri, scopes, state, nonce, codeChallenge, acrValues, jkt },
        PAR_TTL_SECONDS * 1000,
      );
      return reply
        .status(201)
        .header('cache-control', 'no-store')
        .send({ request_uri: requestUri, expires_in: PAR_TTL_SECONDS });
    });
  });
}
