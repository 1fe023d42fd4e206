/**
 * Checks the shape of `GET /auth/session` before the app trusts it. The BFF validated and typed the
 * data; this guards against a proxy or an older BFF answering something else (e.g. an HTML page).
 */
import {
  type CorppassActingUser,
  type CorppassAuthorisation,
  type CorppassEntity,
  isProviderName,
  type MyinfoPerson,
  type ProvidersResponse,
  type SessionResponse,
  type SingpassUserAttributes,
  type UserData,
} from '@sgid-bff/protocol';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isIsoTime = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * The session described by `body`, or `null` when `body` is not a `SessionResponse`. Narrow an
 * authenticated session on `provider`: `'sgid'` (`data`), `'singpass'` (`user`, `person`) or `'corppass'`
 * (`entity`, `actor`, `authorisations`).
 */
export function parseSessionResponse(body: unknown): SessionResponse | null {
  if (!isRecord(body) || typeof body.authenticated !== 'boolean') return null;
  if (!body.authenticated) return { authenticated: false };
  const { sub, scopes, loginAt, expiresAt, idleExpiresAt } = body;
  if (typeof sub !== 'string') return null;
  if (!isIsoTime(loginAt) || !isIsoTime(expiresAt) || !isIsoTime(idleExpiresAt)) return null;
  const scopeList = Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [];
  const times = { loginAt, expiresAt, idleExpiresAt };
  // A BFF older than provider names served sgID sessions without `provider`.
  const provider = body.provider ?? 'sgid';
  if (provider === 'singpass') {
    const { appType, user, acr, amr, person } = body;
    if ((appType !== 'login' && appType !== 'myinfo') || !isRecord(user)) return null;
    if (acr !== undefined && typeof acr !== 'string') return null;
    if (amr !== undefined && !isStringList(amr)) return null;
    if (person !== undefined && !isRecord(person)) return null;
    return {
      authenticated: true,
      provider: 'singpass',
      sub,
      appType,
      scopes: scopeList,
      // The BFF checked and typed these; the SDK passes them through unchanged.
      user: user as SingpassUserAttributes,
      ...(acr === undefined ? {} : { acr }),
      ...(amr === undefined ? {} : { amr }),
      ...(person === undefined ? {} : { person: person as unknown as MyinfoPerson }),
      ...times,
    };
  }
  if (provider === 'corppass') {
    const { entity, actor, authorisations, acr, amr } = body;
    if (!isRecord(entity) || typeof entity.id !== 'string') return null;
    if (!isRecord(actor) || typeof actor.sub !== 'string') return null;
    if (!Array.isArray(authorisations) || !authorisations.every(isRecord)) return null;
    if (acr !== undefined && typeof acr !== 'string') return null;
    if (amr !== undefined && !isStringList(amr)) return null;
    return {
      authenticated: true,
      provider: 'corppass',
      sub,
      scopes: scopeList,
      // The BFF checked and typed these; the SDK passes them through unchanged.
      entity: entity as unknown as CorppassEntity,
      actor: actor as unknown as CorppassActingUser,
      authorisations: authorisations as unknown as CorppassAuthorisation[],
      ...(acr === undefined ? {} : { acr }),
      ...(amr === undefined ? {} : { amr }),
      ...times,
    };
  }
  if (provider !== 'sgid') return null;
  const { data, unknownData } = body;
  if (!isRecord(data)) return null;
  if (unknownData !== undefined && !isRecord(unknownData)) return null;
  return {
    authenticated: true,
    provider: 'sgid',
    sub,
    // The BFF parsed every value with the protocol catalogue; the SDK passes them through unchanged.
    data: data as UserData,
    ...(unknownData === undefined ? {} : { unknownData: unknownData as Record<string, string> }),
    scopes: scopeList,
    ...times,
  };
}

/** The providers list described by `body`, or `null` when `body` is not a `ProvidersResponse`. */
export function parseProvidersResponse(body: unknown): ProvidersResponse | null {
  if (typeof body !== 'object' || body === null) return null;
  const { providers, default: fallback } = body as Record<string, unknown>;
  if (!Array.isArray(providers) || typeof fallback !== 'string' || !isProviderName(fallback)) return null;
  // A newer BFF may know providers this SDK does not: keep the ones it knows.
  const known = providers.filter(
    (p): p is ProvidersResponse['default'] => typeof p === 'string' && isProviderName(p),
  );
  return { providers: known, default: fallback };
}
