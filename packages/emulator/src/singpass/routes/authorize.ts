/**
 * `GET <issuer>/auth?client_id&request_uri` (§4.3, §4.4; §8.2 rows 14–16). Only those two parameters
 * count; others are ignored. An unknown client or request_uri is an error page (nothing proves where to
 * redirect); an expired or used request_uri, and the `server-error` fault, redirect back with the error,
 * the PAR's `state` and `iss`. A valid one becomes the shared QR page + simulated Singpass app journey
 * (Corppass: with an "acting for" choice when the user has several entities), or with `autoApprove` an
 * immediate 302 carrying the code (Corppass: for `autoApproveEntity`, else the user's first entity; a user
 * with none is `access_denied`).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { approveLogin, cancelledLoginRedirect, expiredLoginRedirect } from '../../approve-login';
import type { Params } from '../../checks/read-param';
import { EmulatorError } from '../../errors';
import { createNonce, sendPage } from '../../pages/html';
import { renderQrSvg } from '../../pages/qr-code';
import { renderQrPage } from '../../pages/qr-page';
import { buildErrorRedirect } from '../../redirects';
import { sendHtmlError } from '../../routes/html-error-response';
import type { AuthorizationParams } from '../../state/login-requests';
import { checkRequestUri } from '../checks/check-request-uri';
import { CODE_TTL_SECONDS } from '../constants';
import type { FapiRegisteredClient } from '../fapi-profile';
import type { FapiContext } from '../singpass-context';
import type { PushedParams } from '../state/fapi-store';

function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply
    .status(302)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .redirect(location);
}

export function registerSingpassAuthorizeRoute<C extends FapiRegisteredClient>(
  app: FastifyInstance,
  context: FapiContext<C>,
): void {
  const { shared, profile } = context;
  const { config } = shared;
  const issuer = profile.options.issParameter ? profile.issuer : undefined;

  /** The shared login-journey parameters for a pushed request: approval issues this provider's code. */
  function toLoginParams(pushed: PushedParams): AuthorizationParams {
    return {
      clientId: pushed.clientId,
      redirectUri: pushed.redirectUri,
      scopes: [],
      codeChallenge: pushed.codeChallenge,
      nonce: pushed.nonce,
      state: pushed.state,
      issuer,
      provider: {
        name: profile.name,
        consentItems: profile.consentItems(pushed.scopes),
        issueCode: (nric, entityId) =>
          context.store.issueCode(pushed, nric, CODE_TTL_SECONDS * 1000, entityId),
        ...(profile.entitiesOf === undefined ? {} : { entitiesOf: profile.entitiesOf }),
      },
    };
  }

  app.register(async (scope) => {
    scope.setErrorHandler((error, _request, reply) => sendHtmlError(reply, error));
    scope.get(profile.paths.authorize, async (request, reply) => {
      const params = request.query as Params;
      const client = typeof params.client_id === 'string' ? profile.clients.get(params.client_id) : undefined;
      if (client === undefined) throw new EmulatorError('EMU_UNKNOWN_CLIENT');
      const result = checkRequestUri(context.store.findPushed, params, shared.clock());
      const pushed = result.pushed.params;
      if (!result.ok) {
        return redirect(
          reply,
          buildErrorRedirect(
            pushed.redirectUri,
            'invalid_request_uri',
            result.error.description,
            pushed.state,
            issuer,
          ),
        );
      }
      if (context.hasFault(client, 'server-error')) {
        return redirect(
          reply,
          buildErrorRedirect(
            pushed.redirectUri,
            'server_error',
            'Injected fault: server-error',
            pushed.state,
            issuer,
          ),
        );
      }
      const loginParams = toLoginParams(pushed);
      if (config.autoApprove !== undefined) {
        const nric = config.autoApprove;
        const entityId = profile.autoApproveEntity?.(nric, config.autoApproveEntity);
        if (profile.autoApproveEntity !== undefined && entityId === undefined) {
          const description = 'The auto-approve user cannot act for any entity';
          return redirect(
            reply,
            buildErrorRedirect(pushed.redirectUri, 'access_denied', description, pushed.state, issuer),
          );
        }
        shared.logins.recordAutoApproved(loginParams, nric);
        return redirect(reply, approveLogin(shared, loginParams, nric, entityId));
      }
      const login = shared.logins.create(loginParams, config.qrTtlMs);
      const appUrl = `${config.publicUrl}/app/requests/${login.id}`;
      const nonce = createNonce();
      const page = renderQrPage({
        clientName: client.name,
        appUrl,
        statusUrl: `/app/requests/${login.id}/status`,
        qrSvg: await renderQrSvg(appUrl),
        expiresInMs: login.expiresAt - shared.clock(),
        pollIntervalMs: config.pollIntervalMs,
        expiredRedirect: expiredLoginRedirect(loginParams),
        cancelRedirect: cancelledLoginRedirect(loginParams),
        nonce,
      });
      return sendPage(reply, 200, page, nonce);
    });
  });
}
