/**
 * The simulated Singpass app: `/app/requests/:id` (choose a persona; for Corppass, choose the entity to act
 * for when the user has several; then consent), the answer forms (POST, no JavaScript needed) and
 * `/app/requests/:id/status`, which the QR page polls. A Corppass login lists only users who can act for
 * an entity; one entity is chosen without asking.
 */
import { CATALOGUE } from '@sgid-bff/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { approveLogin, declineLogin, expiredLoginRedirect } from '../approve-login';
import { readParam } from '../checks/read-param';
import type { EmulatorContext } from '../context';
import { EmulatorError } from '../errors';
import {
  renderConsent,
  renderEntityPicker,
  renderExpired,
  renderOutcome,
  renderPersonaPicker,
} from '../pages/app-pages';
import { createNonce, sendPage } from '../pages/html';
import type { LoginRequest } from '../state/login-requests';
import { sendHtmlError } from './html-error-response';

interface RequestRoute {
  Params: { id: string };
}

/** What the consent screen lists: the provider's own lines, or sgID's catalogue wording. */
function consentItemsOf(login: LoginRequest): readonly string[] {
  return login.params.provider?.consentItems ?? login.params.scopes.map((scope) => CATALOGUE[scope].consent);
}

export function registerSingpassAppRoutes(app: FastifyInstance, context: EmulatorContext): void {
  const { config, logins, personas } = context;

  function findLogin(id: string): LoginRequest {
    const login = logins.find(id);
    if (login === undefined) throw new EmulatorError('EMU_REQUEST_NOT_FOUND');
    return login;
  }

  function clientName(login: LoginRequest): string {
    const { clientId } = login.params;
    const client =
      config.clients.get(clientId) ??
      config.singpassClients.get(clientId) ??
      config.corppassClients.get(clientId);
    return client?.name ?? clientId;
  }

  /** Render the page for the request's current step. */
  function sendStep(
    reply: FastifyReply,
    login: LoginRequest,
    status = 200,
    refused?: { error: string; typed: string },
  ): FastifyReply {
    const nonce = createNonce();
    const page = { requestId: login.id, clientName: clientName(login), nonce };
    const state = logins.statusOf(login);
    if (state === 'expired') return sendPage(reply, 410, renderExpired(page), nonce);
    if (state !== 'pending' && login.redirect !== undefined) {
      return sendPage(reply, 200, renderOutcome(page, state === 'approved', login.redirect), nonce);
    }
    const persona = login.nric === undefined ? undefined : personas.find(login.nric);
    const entitiesOf = login.params.provider?.entitiesOf;
    if (persona === undefined) {
      const listed =
        entitiesOf === undefined
          ? personas.listed
          : personas.listed.filter((listedPersona) => entitiesOf(listedPersona.nric).length > 0);
      return sendPage(reply, status, renderPersonaPicker(page, listed, refused), nonce);
    }
    const entities = entitiesOf?.(persona.nric) ?? [];
    if (entitiesOf !== undefined && login.entityId === undefined)
      return sendPage(reply, status, renderEntityPicker(page, persona, entities), nonce);
    const actingFor = entities.find((entity) => entity.id === login.entityId);
    return sendPage(reply, status, renderConsent(page, persona, consentItemsOf(login), actingFor), nonce);
  }

  /** The request must still wait for an answer. */
  function requirePending(login: LoginRequest): void {
    const state = logins.statusOf(login);
    if (state === 'expired') throw new EmulatorError('EMU_REQUEST_EXPIRED');
    if (state !== 'pending') throw new EmulatorError('EMU_REQUEST_ANSWERED');
  }

  app.register(async (scope) => {
    scope.setErrorHandler((error, _request, reply) => sendHtmlError(reply, error));

    scope.get<RequestRoute>('/app/requests/:id', async (request, reply) =>
      sendStep(reply, findLogin(request.params.id)),
    );

    scope.post<RequestRoute>('/app/requests/:id/persona', async (request, reply) => {
      const login = findLogin(request.params.id);
      requirePending(login);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const typed = readParam(body, 'nric')?.trim();
      const persona = typed === undefined ? undefined : personas.find(typed.toUpperCase());
      if (persona === undefined) {
        const error = new EmulatorError('EMU_INVALID_NRIC').description;
        // What was typed goes back into the field (escaped), cut to the field's length.
        return sendStep(reply, login, 400, { error, typed: (typed ?? '').slice(0, 9) });
      }
      const entities = login.params.provider?.entitiesOf?.(persona.nric);
      if (entities !== undefined && entities.length === 0) {
        const error = 'This person cannot act for any entity in Corppass. Choose another.';
        return sendStep(reply, login, 400, { error, typed: (typed ?? '').slice(0, 9) });
      }
      login.nric = persona.nric;
      if (entities?.length === 1) login.entityId = entities[0]?.id;
      return reply.redirect(`/app/requests/${login.id}`, 303);
    });

    // Corppass: "acting for" — one of the entities the chosen user may act for.
    scope.post<RequestRoute>('/app/requests/:id/entity', async (request, reply) => {
      const login = findLogin(request.params.id);
      requirePending(login);
      const entitiesOf = login.params.provider?.entitiesOf;
      if (login.nric === undefined || entitiesOf === undefined)
        return reply.redirect(`/app/requests/${login.id}`, 303);
      const chosen = readParam((request.body ?? {}) as Record<string, unknown>, 'entity');
      const entity = entitiesOf(login.nric).find((candidate) => candidate.id === chosen);
      if (entity === undefined)
        throw new EmulatorError('EMU_INVALID_REQUEST', { description: 'Choose one of the listed entities.' });
      login.entityId = entity.id;
      return reply.redirect(`/app/requests/${login.id}`, 303);
    });

    scope.post<RequestRoute>('/app/requests/:id/approve', async (request, reply) => {
      const login = findLogin(request.params.id);
      requirePending(login);
      if (login.nric === undefined) return reply.redirect(`/app/requests/${login.id}`, 303);
      if (login.params.provider?.entitiesOf !== undefined && login.entityId === undefined)
        return reply.redirect(`/app/requests/${login.id}`, 303);
      login.redirect = approveLogin(context, login.params, login.nric, login.entityId);
      login.status = 'approved';
      return reply.redirect(`/app/requests/${login.id}`, 303);
    });

    scope.post<RequestRoute>('/app/requests/:id/decline', async (request, reply) => {
      const login = findLogin(request.params.id);
      requirePending(login);
      login.redirect = declineLogin(login.params);
      login.status = 'declined';
      return reply.redirect(`/app/requests/${login.id}`, 303);
    });
  });

  app.get<RequestRoute>('/app/requests/:id/status', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const login = logins.find(request.params.id);
    if (login === undefined) {
      return reply
        .status(404)
        .send({ code: 'EMU_REQUEST_NOT_FOUND', message: 'This login request does not exist.' });
    }
    const status = logins.statusOf(login);
    if (status === 'expired') return reply.send({ status, redirect: expiredLoginRedirect(login.params) });
    if (status === 'pending') return reply.send({ status });
    return reply.send({ status, redirect: login.redirect });
  });
}
