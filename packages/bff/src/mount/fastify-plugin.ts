/**
 * `sgidBff`, the Fastify plugin form of the mounted BFF (docs/embedding.md). Rules:
 * - the BFF's paths are answered from an `onRequest` hook, the first step of Fastify's lifecycle: the
 *   reply is hijacked and the request handed to the BFF's own app before the host parses any body, so the
 *   host's content-type parsers, body limits and routes never see them;
 * - the hook and the decorators reach the whole host app (the plugin skips Fastify's encapsulation, as
 *   `fastify-plugin` would);
 * - `app.bff.requireSession()` is a `preHandler` with the rules of `/api/*` (mount/host-session.ts);
 * - closing the host closes the BFF.
 */
import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
  preHandlerAsyncHookHandler,
} from 'fastify';
import type { BffDeps } from '../app';
import { type BffHandler, type CreateBffHandlerOptions, createBffHandler } from './create-bff-handler';
import type { BffSession, RequireSessionOptions } from './host-session';

export interface SgidBffPluginOptions extends CreateBffHandlerOptions {
  /** As for `createBffHandler`: store, fetch, clock, logger… */
  deps?: BffDeps;
}

/** `app.bff`: the mounted BFF as a Fastify host sees it. */
export interface FastifyBff {
  /** A `preHandler`: a live session (sets `request.bffSession`) or the BFF's JSON refusal. */
  requireSession(options?: RequireSessionOptions): preHandlerAsyncHookHandler;
  /** The Node handler underneath (its `config`, `handles`, `checkSession`). */
  readonly handler: BffHandler;
}

declare module 'fastify' {
  interface FastifyInstance {
    bff: FastifyBff;
  }
  interface FastifyRequest {
    /** The logged-in user, on routes behind `app.bff.requireSession()`. */
    bffSession?: BffSession;
  }
}

const plugin: FastifyPluginAsync<SgidBffPluginOptions> = async (fastify: FastifyInstance, options) => {
  const handler = await createBffHandler({ config: options.config, env: options.env }, options.deps);
  fastify.decorateRequest('bffSession', undefined);
  fastify.decorate('bff', {
    handler,
    requireSession: (sessionOptions: RequireSessionOptions = {}) =>
      async function requireBffSession(request: FastifyRequest, reply: FastifyReply) {
        const result = await handler.checkSession(request.raw, reply.raw, sessionOptions);
        if (result.ok) {
          request.bffSession = result.session;
          return;
        }
        reply.hijack();
        handler.sendError(reply.raw, result.error, request.id);
      },
  } satisfies FastifyBff);
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!handler.handles(request.raw)) return done();
    reply.hijack();
    // A path it handles never goes on to `next`: the BFF answers it.
    handler.middleware(request.raw, reply.raw, () => {});
    done();
  });
  fastify.addHook('onClose', async () => handler.close());
};

// Fastify's documented marker for a plugin whose hooks and decorators belong to its parent.
Object.assign(plugin, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'sgid-bff',
});

/** The Fastify plugin, registered by the host app with `{ config: { … } }` (docs/embedding.md). */
export const sgidBff = plugin;
