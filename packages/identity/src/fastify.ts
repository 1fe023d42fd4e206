/**
 * Fastify hook: `app.addHook('onRequest', requireIdentity({ jwksUrl, issuer, audience }))` in the scope of
 * the routes it guards (or a route's own `onRequest`). A request with a valid identity token goes on, its
 * identity readable with `getIdentity(request)` (and as `request.identity`: declare it with
 * `app.decorateRequest('identity', null)` to keep request objects one shape); any other is answered here:
 * 401 JSON `{code, message}` with `WWW-Authenticate: Bearer`, or 503 when the BFF's JWKS is unavailable.
 * Typed structurally, so it needs no fastify at run time.
 */
import type { IdentityVerifier, IdentityVerifierOptions } from './create-identity-verifier';
import { describeFailure, type IdentityError } from './errors';
import type { Identity } from './identity';
import { asIdentityError, recallIdentity, rememberIdentity, resolveVerifier } from './resolve-verifier';

export type { Identity } from './identity';

/** The parts of a FastifyRequest this hook reads. */
export interface IdentityHookRequest {
  headers: { authorization?: string | undefined };
  identity?: Identity | null;
}

/** The parts of a FastifyReply this hook uses. */
export interface IdentityHookReply {
  code(status: number): this;
  headers(values: Record<string, string>): this;
  send(payload?: unknown): this;
}

export interface RequireIdentityOptions {
  /** Called before the failure is answered, e.g. to log `error.code` and `error.detail` (never the token). */
  onFailure?: (error: IdentityError, request: IdentityHookRequest) => void;
}

/** An async `onRequest`/`preHandler` hook; fastify's own request and reply types fit its parameters. */
export type IdentityHook = (request: IdentityHookRequest, reply: IdentityHookReply) => Promise<unknown>;

export function requireIdentity(
  verifier: IdentityVerifier | IdentityVerifierOptions,
  options: RequireIdentityOptions = {},
): IdentityHook {
  const resolved = resolveVerifier(verifier);
  return async (request, reply) => {
    try {
      const identity = await resolved.verify(request.headers.authorization);
      rememberIdentity(request, identity);
      request.identity = identity;
      return undefined;
    } catch (reason) {
      const error = asIdentityError(reason);
      options.onFailure?.(error, request); // a throwing hook goes to fastify's error handler
      const { status, headers, body } = describeFailure(error);
      return reply.code(status).headers(headers).send(body);
    }
  };
}

/** The identity `requireIdentity` verified for this request; throws when it did not run on it. */
export function getIdentity(request: object): Identity {
  return recallIdentity(request);
}
