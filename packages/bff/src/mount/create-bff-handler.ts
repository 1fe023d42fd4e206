/**
 * `createBffHandler`: the BFF inside a host's Node server (docs/embedding.md). It is the standalone app
 * (`createBffApp`, without the SPA), made ready and handed the requests for its own paths
 * (bff-paths.ts) through Fastify's `routing(req, res)`; every other request goes on to the host
 * (`next()`). The same routes, hooks, checks and error mapper answer as in the standalone server, which
 * is why the SECURITY.md suites can run against this form unchanged (test/support/test-bff.ts).
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type BffDeps, createBffApp } from '../app';
import type { AppContext } from '../app-context';
import { type BffConfig, type BffConfigInput, loadConfigObject } from '../config';
import { BffServerError } from '../errors';
import { createConnectionLimiter } from '../http/limit-connections';
import { createClientErrorHandler, createServerFactory } from '../http/server-limits';
import { createPathMatcher } from './bff-paths';
import { isBodyAlreadyRead } from './body-already-read';
import { type BffSession, checkHostSession, type RequireSessionOptions, sendHostError } from './host-session';

/** Where the configuration comes from: an object of the documented variables, an environment, or both. */
export interface CreateBffHandlerOptions {
  /** The documented variables (docs/configuration.md) as an object; wins over `env`. */
  config?: BffConfigInput;
  /** An environment to read too, e.g. `process.env`; nothing reads the process's own unless passed. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** `next` of Connect and Express: called with nothing to go on, with an error to fail. */
export type NextFunction = (error?: unknown) => void;

/** A Connect/Express middleware over Node's own request and response. */
export type BffMiddleware = (req: IncomingMessage, res: ServerResponse, next: NextFunction) => void;

export interface BffHandler {
  /** Serves the BFF's paths; calls `next()` for every other request. Mount it first, at the root. */
  readonly middleware: BffMiddleware;
  /** Whether the request's path is the BFF's (docs/embedding.md "Which paths are the BFF's"). */
  handles(req: Pick<IncomingMessage, 'url'>): boolean;
  /** Middleware for the host's routes: a live session (sets `req.bffSession`) or a JSON refusal. */
  requireSession(options?: RequireSessionOptions): BffMiddleware;
  /** For the Fastify plugin and other frameworks: the same check, the answer left to the caller. */
  checkSession(
    req: Pick<IncomingMessage, 'method' | 'headers'>,
    res: Pick<ServerResponse, 'appendHeader'>,
    options?: RequireSessionOptions,
  ): Promise<{ ok: true; session: BffSession } | { ok: false; error: BffServerError }>;
  /** Write a refusal from `checkSession` in the BFF's JSON error shape, logged as the BFF logs. */
  sendError(res: ServerResponse, error: BffServerError, requestId?: string): void;
  /** A `node:http` server with the BFF's server-level limits (timeouts, connections per address). */
  createServer(listener?: http.RequestListener): http.Server;
  /** The validated, frozen configuration. */
  readonly config: BffConfig;
  /** Stop the BFF: in-flight BFF requests finish, timers stop, a store it opened is closed. */
  close(): Promise<void>;
}

/** A request `requireSession()` let through: the logged-in user is on it. */
export type RequestWithBffSession = IncomingMessage & { bffSession: BffSession };

export async function createBffHandler(
  options: CreateBffHandlerOptions,
  deps: BffDeps = {},
): Promise<BffHandler> {
  const config = loadConfigObject(options.config ?? {}, options.env);
  let ctx: AppContext | undefined;
  const app = await createBffApp(config, deps, {
    serveSpa: false,
    onContext: (built) => {
      ctx = built;
    },
  });
  await app.ready();
  if (ctx === undefined) throw new Error('createBffApp did not hand over its context');
  const context = ctx;
  const handles = createPathMatcher(config);
  let closing: Promise<void> | undefined;
  // In-flight BFF requests: `close()` lets them finish before the app closes its store. The standalone
  // server gets this from its own server.close(); here the server is the host's.
  let inFlight = 0;
  let drained: (() => void) | undefined;

  const middleware: BffMiddleware = (req, res, next) => {
    if (!handles(req.url ?? '/')) return next();
    if (isBodyAlreadyRead(req)) {
      const error = new BffServerError('BFF_BODY_ALREADY_READ', {
        detail: `${req.method} ${req.url?.split('?')[0]}: a body parser read the body first; mount the BFF before body parsers (docs/embedding.md)`,
      });
      return sendHostError(app.log, res, error);
    }
    inFlight++;
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) drained?.();
    });
    app.routing(req, res);
  };

  const checkSession: BffHandler['checkSession'] = (req, res, sessionOptions = {}) =>
    checkHostSession(context, req, sessionOptions, (value) => res.appendHeader('set-cookie', value));

  return {
    middleware,
    handles: (req) => handles(req.url ?? '/'),
    requireSession:
      (sessionOptions = {}) =>
      (req, res, next) => {
        checkSession(req, res, sessionOptions).then(
          (result) => {
            if (!result.ok) return sendHostError(app.log, res, result.error);
            (req as RequestWithBffSession).bffSession = result.session;
            next();
          },
          (error: unknown) => next(error),
        );
      },
    checkSession,
    sendError: (res, error, requestId = randomUUID()) => sendHostError(app.log, res, error, requestId),
    createServer: (listener) => {
      const connections = createConnectionLimiter({
        maxPerAddress: config.server.maxConnectionsPerAddress,
        ipv6PrefixBits: config.rateLimit.ipv6PrefixBits,
        trustProxy: config.trustProxy,
      });
      const handleClientError = createClientErrorHandler(app.log, () => {});
      const notFound: http.RequestListener = (_req, res) => res.writeHead(404).end();
      const factory = createServerFactory(config.server, (created) => {
        connections.attach(created);
        created.on('clientError', handleClientError);
      });
      // The factory Fastify calls with its own handler; any Node request listener fits it.
      return factory((listener ?? notFound) as Parameters<typeof factory>[0], {}) as http.Server;
    },
    config,
    close: () => {
      closing ??= (async () => {
        if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
        await app.close();
      })();
      return closing;
    },
  };
}

/** The logged-in user of a request `requireSession()` let through; throws when it did not run. */
export function getBffSession(req: object): BffSession {
  const session = (req as Partial<RequestWithBffSession>).bffSession;
  if (session === undefined)
    throw new Error('getBffSession: requireSession() did not run for this request (docs/embedding.md)');
  return session;
}
