/**
 * Corppass role checks for `/api/*` routes (issue: "a route that requires a role refuses a session
 * without it"). Rules:
 * - a route with `requireRoles` admits a session that holds **one of** them, for that e-service, in
 *   force today (started, not ended; `EndDate` 9999-12-31 is open-ended) — else `403 BFF_ROLE_REQUIRED`;
 * - only Corppass sessions carry roles: any other session is refused on such a route;
 * - "today" is Singapore's date (Corppass dates are Singapore dates), from the injected clock;
 * - the roles the route asked for and the session holds travel upstream in the identity token.
 */
import type { CorppassActingUser, CorppassAuthorisation, CorppassEntity } from '@sgid-bff/protocol';
import { isAuthorisationActive } from '@sgid-bff/protocol';
import type { ApiRoute } from '../config';
import { BffServerError } from '../errors';
import { splitSessionPayload } from '../session/session-json';
import type { StoredSession } from '../store/store';

const SINGAPORE_OFFSET_MS = 8 * 3600 * 1000;

/** Today's date in Singapore, YYYY-MM-DD. */
export function singaporeDate(now: number): string {
  return new Date(now + SINGAPORE_OFFSET_MS).toISOString().slice(0, 10);
}

/** What a Corppass session says about who acts for whom, read from its stored JSON; undefined otherwise. */
export interface CorppassView {
  entity: CorppassEntity;
  actor: CorppassActingUser;
  authorisations: CorppassAuthorisation[];
}

export function readCorppassView(session: StoredSession): CorppassView | undefined {
  const identity = JSON.parse(splitSessionPayload(session.payload).identityJson) as {
    provider?: string;
  } & Partial<CorppassView>;
  if (identity.provider !== 'corppass' || !identity.entity || !identity.actor) return undefined;
  return { entity: identity.entity, actor: identity.actor, authorisations: identity.authorisations ?? [] };
}

/** The route's required roles the session holds today; throws `BFF_ROLE_REQUIRED` when it holds none. */
export function checkRequiredRoles(
  view: CorppassView | undefined,
  route: ApiRoute,
  now: number,
): Array<{ eServiceId: string; role: string }> {
  if (route.requireRoles.length === 0) return [];
  if (view === undefined)
    throw new BffServerError('BFF_ROLE_REQUIRED', { detail: `${route.prefix} needs a Corppass role` });
  const today = singaporeDate(now);
  const held = route.requireRoles.filter((wanted) =>
    view.authorisations.some(
      (a) => a.eServiceId === wanted.eServiceId && a.role === wanted.role && isAuthorisationActive(a, today),
    ),
  );
  if (held.length === 0)
    throw new BffServerError('BFF_ROLE_REQUIRED', { detail: `${route.prefix}: no required role in force` });
  return held.map(({ eServiceId, role }) => ({ eServiceId, role }));
}
