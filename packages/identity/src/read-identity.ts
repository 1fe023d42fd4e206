/**
 * Turns a verified payload into a typed `Identity`. Rules (the BFF's proxy/identity-token.ts is the other
 * side):
 * - `sub`, `sid` and `jti` are non-empty strings, `iat`/`exp` numbers (jose checked `exp`, `iss`, `aud`);
 * - the provider is the `provider` claim, or, from a BFF that does not send it, the `sub` prefix
 *   (`singpass:`, `corppass:`; none for sgID) — the BFF's subject-key rule;
 * - Corppass `entity`, `act` and `roles`, when present, have the shapes the BFF writes;
 * - every claim that is not one of the token's own is a data item.
 * A claim of the wrong shape is `IDENTITY_CLAIMS_INVALID`: nothing half-typed reaches the API.
 */
import type { ProviderName, UserData } from '@sgid-bff/protocol';
import { IdentityError } from './errors';
import type { CorppassRole, Identity } from './identity';

// The provider names, typed from protocol (types only, so the bundle carries no catalogue): a provider added
// there and not here fails to type-check on the line below.
const PROVIDERS = ['sgid', 'singpass', 'corppass'] as const satisfies readonly ProviderName[];
const EVERY_PROVIDER: Exclude<ProviderName, (typeof PROVIDERS)[number]> extends never ? true : never = true;
void EVERY_PROVIDER;

const TOKEN_CLAIMS = new Set(['iss', 'sub', 'aud', 'iat', 'exp', 'nbf', 'jti', 'sid', 'provider']);
const CORPPASS_CLAIMS = new Set(['entity', 'act', 'roles']);

export function readIdentity(payload: Record<string, unknown>): Identity {
  const sub = requireString(payload, 'sub');
  const sessionId = requireString(payload, 'sid');
  const tokenId = requireString(payload, 'jti');
  const issuedAt = requireNumber(payload, 'iat');
  const expiresAt = requireNumber(payload, 'exp');
  const issuer = requireString(payload, 'iss');
  const provider = readProvider(payload.provider, sub);
  const prefix = provider === 'sgid' ? '' : `${provider}:`;
  if (!sub.startsWith(prefix) || sub.length === prefix.length)
    throw invalid(`sub does not name a ${provider} subject`);
  const data: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(payload))
    if (!TOKEN_CLAIMS.has(name) && !CORPPASS_CLAIMS.has(name)) data[name] = value;
  const base = {
    sub,
    providerSub: sub.slice(prefix.length),
    sessionId,
    issuer,
    audience: payload.aud as string | string[],
    issuedAt,
    expiresAt,
    tokenId,
    data: data as UserData,
    claims: payload,
  };
  if (provider === 'corppass')
    return {
      ...base,
      provider,
      entity: readEntity(payload.entity),
      actor: readActor(payload.act),
      roles: readRoles(payload.roles),
    };
  for (const name of CORPPASS_CLAIMS)
    if (payload[name] !== undefined) throw invalid(`${name} on a ${provider} identity`);
  return { ...base, provider };
}

function readProvider(claim: unknown, sub: string): ProviderName {
  if (claim !== undefined) {
    if (typeof claim !== 'string' || !(PROVIDERS as readonly string[]).includes(claim))
      throw invalid('provider is not a known provider');
    return claim as ProviderName;
  }
  if (sub.startsWith('singpass:')) return 'singpass';
  if (sub.startsWith('corppass:')) return 'corppass';
  return 'sgid';
}

function readEntity(value: unknown): { id: string; type?: string; name?: string } | undefined {
  if (value === undefined) return undefined;
  const entity = requireObject(value, 'entity');
  return {
    id: requireString(entity, 'id', 'entity.id'),
    ...optionalString(entity, 'type', 'entity.type'),
    ...optionalString(entity, 'name', 'entity.name'),
  };
}

function readActor(value: unknown): { sub: string; name?: string } | undefined {
  if (value === undefined) return undefined;
  const actor = requireObject(value, 'act');
  return { sub: requireString(actor, 'sub', 'act.sub'), ...optionalString(actor, 'name', 'act.name') };
}

function readRoles(value: unknown): CorppassRole[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalid('roles is not an array');
  return value.map((item: unknown, index) => {
    const role = requireObject(item, `roles[${index}]`);
    return {
      eService: requireString(role, 'eService', `roles[${index}].eService`),
      role: requireString(role, 'role', `roles[${index}].role`),
    };
  });
}

function requireObject(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(`${name} is not an object`);
  return value as Record<string, unknown>;
}

function requireString(source: Record<string, unknown>, key: string, name = key): string {
  const value = source[key];
  if (typeof value !== 'string' || value.length === 0) throw invalid(`${name} is missing or not a string`);
  return value;
}

function optionalString(source: Record<string, unknown>, key: string, name: string): Record<string, string> {
  const value = source[key];
  if (value === undefined) return {};
  if (typeof value !== 'string') throw invalid(`${name} is not a string`);
  return { [key]: value };
}

function requireNumber(source: Record<string, unknown>, key: string): number {
  const value = source[key];
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalid(`${key} is missing or not a number`);
  return value;
}

function invalid(detail: string): IdentityError {
  return new IdentityError('IDENTITY_CLAIMS_INVALID', { detail });
}
