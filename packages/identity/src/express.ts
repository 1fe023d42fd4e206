/**
 * Express (and Connect) middleware: `app.use('/benefits', requireIdentity({ jwksUrl, issuer, audience }))`.
 * A request with a valid identity token goes on, its identity readable with `getIdentity(req)` (and as
 * `req.identity`); any other is answered here: 401 JSON `{code, message}` with `WWW-Authenticate: Bearer`,
 * or 503 when the BFF's JWKS is unavailable. Written against Node's own request and response, so it needs no
 * express at run time and works in a plain `node:http` server too.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IdentityVerifier, IdentityVerifierOptions } from './create-identity-verifier';
import { describeFailure, type IdentityError } from './errors';
import type { Identity } from './identity';
import { asIdentityError, recallIdentity, rememberIdentity, resolveVerifier } from './resolve-verifier';

export type { Identity } from './identity';

export interface RequireIdentityOptions {
  /**
   * Called before the failure is answered, e.g. to log `error.code` and `error.detail` (never the token).
   */
  onFailure?: (error: IdentityError, req: IncomingMessage) => void;
}

export type IdentityMiddleware = (
  req: IncomingMessage & { identity?: Identity },
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

export function requireIdentity(
  verifier: IdentityVerifier | IdentityVerifierOptions,
  options: RequireIdentityOptions = {},
): IdentityMiddleware {
  const resolved = resolveVerifier(verifier);
  return (req, res, next) => {
    resolved.verify(req.headers.authorization).then(
      (identity) => {
        rememberIdentity(req, identity);
        req.identity = identity;
        next();
      },
      (reason: unknown) => {
        const error = asIdentityError(reason);
        try {
          options.onFailure?.(error, req);
        } catch (hookError) {
          next(hookError); // the app's error handler answers a throwing hook, as for any middleware
          return;
        }
        const { status, headers, body } = describeFailure(error);
        res.writeHead(status, headers).end(JSON.stringify(body));
      },
    );
  };
}

/** The identity `requireIdentity` verified for this request; throws when it did not run on it. */
export function getIdentity(req: IncomingMessage): Identity {
  return recallIdentity(req);
}
