/**
 * The BFF as the mounted form runs it (docs/embedding.md): `createBffHandler` in an Express 5 host that
 * serves its own SPA and routes, reached through the same `inject()` and `listen()` the standalone
 * worlds offer (test-bff.ts), so the SECURITY.md suites run against it unchanged (`BFF_FORM=express`,
 * vitest project `mounted`).
 */
import { IncomingMessage, type Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import type { FastifyInstance } from 'fastify';
import { type Response as InjectedResponse, type InjectOptions, inject } from 'light-my-request';
import type { BffHandler } from '../../src/mount/create-bff-handler';
import type { Site } from './simulated-internet';

/** What the tests use of a BFF under test, in either form. */
export interface TestBff extends Site {
  /** Listen on a real socket; answers the address, e.g. `http://127.0.0.1:40123`. */
  listen(options: { port: number; host: string }): Promise<string>;
  /** The Node server the BFF's requests arrive on (the host's, in the mounted form). */
  readonly server: Server;
  /** Stop accepting, let in-flight requests finish, close the BFF (and its store, if it opened it). */
  close(): Promise<unknown>;
}

/** The standalone app as a TestBff (its own `listen`, `server`, `close`). */
export function standaloneBff(app: FastifyInstance): TestBff {
  return {
    inject: (options) => app.inject(options),
    listen: (options) => app.listen(options),
    get server() {
      return app.server;
    },
    close: () => app.close(),
  };
}

/**
 * An Express host as a team would write it: the BFF first, then its body parser, its own API behind
 * `requireSession()`, and its SPA (static files, index.html for navigations, a 404 for the rest).
 */
export function createExpressHost(handler: BffHandler, spaDir: string | undefined): express.Express {
  const host = express();
  host.disable('x-powered-by');
  host.use(handler.middleware);
  host.use(express.json());
  host.get('/host/me', handler.requireSession(), (req, res) => {
    res.json({ sub: req.bffSession?.sub, provider: req.bffSession?.provider });
  });
  host.post('/host/orders', handler.requireSession(), (req, res) => {
    res.status(201).json({ by: req.bffSession?.sub, order: req.body as unknown });
  });
  if (spaDir !== undefined) {
    host.use(express.static(spaDir, { index: false }));
    host.use((req, res, next) => {
      const navigation = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
      if (!navigation) return next();
      res.sendFile(path.join(spaDir, 'index.html'));
    });
  }
  return host;
}

/**
 * light-my-request, given an Express app, re-parents Express's shared request and response prototypes to
 * its own classes for the rest of the process, so real sockets served after an `inject()` lose
 * `req.headers`. Put them back once no injection is in flight: a test artefact no real host meets.
 */
let injecting = 0;
async function injectIntoExpress(host: express.Express, options: InjectOptions): Promise<InjectedResponse> {
  injecting++;
  try {
    return await inject(host, options);
  } finally {
    injecting--;
    if (injecting === 0) {
      Object.setPrototypeOf(express.request, IncomingMessage.prototype);
      Object.setPrototypeOf(express.response, ServerResponse.prototype);
    }
  }
}

/** The Express host behind `inject()` and a real server built by `handler.createServer` (the BFF's limits). */
export function expressMountedBff(handler: BffHandler, host: express.Express): TestBff {
  let server: Server | undefined;
  const serverOf = () => {
    server ??= handler.createServer(host);
    return server;
  };
  return {
    inject: (options) => injectIntoExpress(host, options),
    listen: async ({ port, host: address }) => {
      const listening = serverOf();
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(port, address, () => resolve());
      });
      return `http://${address}:${(listening.address() as AddressInfo).port}`;
    },
    get server() {
      return serverOf();
    },
    close: async () => {
      const listening = server?.listening ? server : undefined;
      // As a host shuts down: stop accepting, close sockets as they go idle, then close the BFF, which
      // waits for its in-flight requests.
      const closed = listening
        ? new Promise<void>((resolve) => listening.close(() => resolve()))
        : Promise.resolve();
      const idleCloser = listening ? setInterval(() => listening.closeIdleConnections(), 50) : undefined;
      listening?.closeIdleConnections();
      try {
        await handler.close();
        await closed;
      } finally {
        clearInterval(idleCloser);
      }
    },
  };
}
