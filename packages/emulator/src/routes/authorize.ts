/**
 * `GET /v2/oauth/authorize` (SGID-PROTOCOL.md §3.1, §11). A pipeline of single-rule checks: the client
 * and its redirect_uri first (failures → an error page, never a redirect), then the OAuth parameters
 * (failures → a redirect with the RFC 6749 error). A valid request becomes a login request shown as a
 * QR page, or with auto-approve an immediate 302 carrying the code.
 */
import { SGID_PATHS } from '@sgid-bff/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { approveLogin, cancelledLoginRedirect, expiredLoginRedirect } from '../approve-login';
import { checkClient } from '../checks/check-client';
import { checkNonce, checkState } from '../checks/check-opaque-params';
import { checkCodeChallenge } from '../checks/check-pkce';
import { checkRedirectUri } from '../checks/check-redirect-uri';
import { checkResponseType } from '../checks/check-response-type';
import { checkScope } from '../checks/check-scope';
import type { Params } from '../checks/read-param';
import type { RegisteredClient } from '../config/emulator-config';
import type { EmulatorContext } from '../context';
import { isEmulatorError } from '../errors';
import { createNonce, sendPage } from '../pages/html';
import { renderQrSvg } from '../pages/qr-code';
import { renderQrPage } from '../pages/qr-page';
import { buildErrorRedirect } from '../redirects';
import type { AuthorizationParams } from '../state/login-requests';
import { sendHtmlError } from './html-error-response';

/** The checks whose failures may be redirected to the (now trusted) redirect_uri. */
function checkOAuthParams(
  client: RegisteredClient,
  redirectUri: string,
  params: Params,
  state: string | undefined,
) {
  checkResponseType(params);
  const scopes = checkScope(client, params);
  const codeChallenge = checkCodeChallenge(params);
  const nonce = checkNonce(params);
  const validated: AuthorizationParams = {
    clientId: client.id,
    redirectUri,
    scopes,
    codeChallenge,
    nonce,
    state,
  };
  return validated;
}

function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply
    .status(302)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .redirect(location);
}

export function registerAuthorizeRoute(app: FastifyInstance, context: EmulatorContext): void {
  const { config } = context;
  app.register(async (scope) => {
    scope.setErrorHandler((error, _request, reply) => sendHtmlError(reply, error));
    scope.get(SGID_PATHS.authorize, async (request, reply) => {
      const params = request.query as Params;
      const client = checkClient(config.clients, params);
      const redirectUri = checkRedirectUri(client, params);

      let validated: AuthorizationParams;
      let state: string | undefined;
      try {
        state = checkState(params);
        validated = checkOAuthParams(client, redirectUri, params, state);
      } catch (error) {
        if (!isEmulatorError(error) || error.oauthError === undefined) throw error;
        return redirect(reply, buildErrorRedirect(redirectUri, error.oauthError, error.description, state));
      }

      if (config.autoApprove !== undefined) {
        context.logins.recordAutoApproved(validated, config.autoApprove);
        return redirect(reply, approveLogin(context, validated, config.autoApprove));
      }

      const login = context.logins.create(validated, config.qrTtlMs);
      const appUrl = `${config.publicUrl}/app/requests/${login.id}`;
      const nonce = createNonce();
      const page = renderQrPage({
        clientName: client.name,
        appUrl,
        statusUrl: `/app/requests/${login.id}/status`,
        qrSvg: await renderQrSvg(appUrl),
        expiresInMs: login.expiresAt - context.clock(),
        pollIntervalMs: config.pollIntervalMs,
        expiredRedirect: expiredLoginRedirect(validated),
        cancelRedirect: cancelledLoginRedirect(validated),
        nonce,
      });
      return sendPage(reply, 200, page, nonce);
    });
  });
}
