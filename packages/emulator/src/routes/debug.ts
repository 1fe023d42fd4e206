/**
 * Developer endpoints: `/debug` (HTML), `/debug/state` (JSON) and the run-time fault switch
 * `GET|PUT /debug/clients/:id/faults` (docs/contracts.md). Nothing here reveals a secret, a code, a
 * token or a request id. `/` points at `/debug`.
 */
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context';
import { EmulatorError } from '../errors';
import { parseFaultList } from '../faults';
import { renderDebugPage } from '../pages/debug-page';
import { createNonce, sendPage } from '../pages/html';
import { takeDebugSnapshot } from './debug-snapshot';

interface ClientRoute {
  Params: { id: string };
}

export function registerDebugRoutes(app: FastifyInstance, context: EmulatorContext): void {
  function requireClient(id: string): string {
    if (
      !context.config.clients.has(id) &&
      !context.config.singpassClients.has(id) &&
      !context.config.corppassClients.has(id)
    ) {
      throw new EmulatorError('EMU_NOT_FOUND', { description: `No client with id ${JSON.stringify(id)}.` });
    }
    return id;
  }

  app.get('/', async (_request, reply) => reply.redirect('/debug', 302));
  // Browsers ask for it on every page; a 204 keeps their consoles (and browser tests) free of 404s.
  app.get('/favicon.ico', async (_request, reply) =>
    reply.status(204).header('cache-control', 'max-age=86400').send(),
  );

  app.get('/debug', async (_request, reply) => {
    const nonce = createNonce();
    return sendPage(reply, 200, renderDebugPage(takeDebugSnapshot(context), nonce), nonce);
  });

  app.get('/debug/state', async (_request, reply) =>
    reply.header('cache-control', 'no-store').send(takeDebugSnapshot(context)),
  );

  app.get<ClientRoute>('/debug/clients/:id/faults', async (request) => ({
    faults: context.faults.list(requireClient(request.params.id)),
  }));

  app.put<ClientRoute>('/debug/clients/:id/faults', async (request) => {
    const clientId = requireClient(request.params.id);
    context.faults.set(clientId, parseFaultList(request.body));
    return { faults: context.faults.list(clientId) };
  });
}
