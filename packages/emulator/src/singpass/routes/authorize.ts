/**
 * `GET <issuer>/auth?client_id&request_uri` (§4.3, §4.4; §8.2 rows 14–16). Only those two parameters
 * count; others are ignored. An unknown client or request_uri is an error page (nothing proves where to
 * redirect); an expired or used request_uri, and the `server-error` fault, redirect back with the error,
 * the PAR's `state` and `iss`. A valid one becomes the shared QR page + simulated Singpass app journey, or
 * with `autoApprove` an immediate 302 carrying the code.
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
import { CODE_TTL_SECONDS, SINGPASS_PATHS } from '../constants';
import type { SingpassContext } from '../singpass-context';
import type { PushedParams } from '../state/fapi-store';

const CONSENT_LINES: Readonly<Record<string, string>> = {
  'user.identity': 'Your identity number, its country and your account type',
  name: 'Your name',
  email: 'Your email address',
  mobileno: 'Your mobile number',
  uinfin: 'Your NRIC/FIN',
  regadd: 'Your registered address',
  dob: 'Your date of birth',
};

function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply
    .status(302)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .redirect(location);
}

export function registerSingpassAuthorizeRoute(app: FastifyInstance, context: SingpassContext): void {
  const { shared } = context;
  const { config } = shared;
  const issuer = config.singpass.issParameter ? config.singpassIssuer : undefined;

  /** The shared login-journey parameters for a pushed request: approval issues a Singpass code. */
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
        name: 'singpass',
        consentItems: pushed.scopes
          .filter((scope) => scope !== 'openid')
          .map((scope) => CONSENT_LINES[scope] ?? `Myinfo: ${scope}`),
        issueCode: (nric) => context.store.issueCode(pushed, nric, CODE_TTL_SECONDS * 1000),
      },
    };
  }

  app.register(async (scope) => {
    scope.setErrorHandler((error, _request, reply) => sendHtmlError(reply, error));
    scope.get(SINGPASS_PATHS.authorize, async (request, reply) => {
      const params = request.query as Params;
      const client =
        typeof params.client_id === 'string' ? config.singpassClients.get(params.client_id) : undefined;
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
        shared.logins.recordAutoApproved(loginParams, config.autoApprove);
        return redirect(reply, approveLogin(shared, loginParams, config.autoApprove));
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
