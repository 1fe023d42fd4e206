/**
 * Singpass discovery (SINGPASS-CORPPASS-FAPI.md §2, §6.8, §9.1). Rules:
 * - endpoints come from `<issuer>/.well-known/openid-configuration`, never hard-coded;
 * - the document's `issuer` must equal the configured issuer exactly (`/fapi` included): a mismatch is
 *   a misconfiguration or a mix-up, and the login fails;
 * - the document is cached for `maxAgeMs` (≥ 1 h) and never fetched per login: after expiry the stale copy
 *   keeps serving while one background refresh runs; only the very first login (or one after `maxStaleMs`
 *   without a successful refresh) waits for the network;
 * - every endpoint is an absolute https URL (http only on a loopback host, for local peers and tests).
 */
import { z } from 'zod';
import { BffServerError } from '../../errors';
import { callEndpoint, type FetchLike } from './call-endpoint';

/** What the BFF uses from the discovery document. */
export interface FapiMetadata {
  issuer: string;
  pushedAuthorizationRequestEndpoint: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** Singpass documents userinfo for Myinfo apps only; a Login app never needs it. */
  userinfoEndpoint?: string;
}

export interface DiscoveryOptions {
  issuer: string;
  timeoutMs: number;
  fetch: FetchLike;
  clock: () => number;
  /** How long a document is fresh; at least one hour (§2). */
  maxAgeMs?: number;
  /** How long a stale document may still serve while refreshes fail. */
  maxStaleMs?: number;
}

export interface Discovery {
  get(): Promise<FapiMetadata>;
}

export const DISCOVERY_MAX_AGE_MS = 60 * 60 * 1000;
const DISCOVERY_MAX_STALE_MS = 24 * 60 * 60 * 1000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const endpoint = z.string().refine(isAllowedEndpoint, 'not an https URL');
const DiscoveryDocument = z.object({
  issuer: z.string(),
  pushed_authorization_request_endpoint: endpoint,
  authorization_endpoint: endpoint,
  token_endpoint: endpoint,
  jwks_uri: endpoint,
  userinfo_endpoint: endpoint.optional(),
});

export function createDiscovery(options: DiscoveryOptions): Discovery {
  const maxAgeMs = Math.max(options.maxAgeMs ?? DISCOVERY_MAX_AGE_MS, DISCOVERY_MAX_AGE_MS);
  const maxStaleMs = options.maxStaleMs ?? DISCOVERY_MAX_STALE_MS;
  const url = `${options.issuer}/.well-known/openid-configuration`;
  let cached: { metadata: FapiMetadata; fetchedAt: number } | undefined;
  let inFlight: Promise<FapiMetadata> | undefined;

  function refresh(): Promise<FapiMetadata> {
    // One request at a time, however many logins start while it runs.
    inFlight ??= fetchMetadata(url, options)
      .then((metadata) => {
        cached = { metadata, fetchedAt: options.clock() };
        return metadata;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  }

  return {
    async get() {
      const now = options.clock();
      if (cached && now - cached.fetchedAt < maxAgeMs) return cached.metadata;
      if (cached && now - cached.fetchedAt < maxAgeMs + maxStaleMs) {
        // Stale: serve it and refresh behind the login; a failed refresh is retried by the next login.
        refresh().catch(() => undefined);
        return cached.metadata;
      }
      return refresh();
    },
  };
}

async function fetchMetadata(url: string, options: DiscoveryOptions): Promise<FapiMetadata> {
  const answer = await callEndpoint(
    options.fetch,
    url,
    { method: 'GET', headers: { accept: 'application/json' } },
    options.timeoutMs,
    'FAPI discovery',
  );
  if (answer.status !== 200)
    throw new BffServerError('BFF_PROVIDER_UNAVAILABLE', {
      detail: `FAPI discovery answered ${answer.status}`,
    });
  const parsed = DiscoveryDocument.safeParse(answer.json);
  if (!parsed.success)
    throw new BffServerError('BFF_PROVIDER_ERROR', {
      detail: `FAPI discovery is unusable: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    });
  const document = parsed.data;
  if (document.issuer !== options.issuer)
    throw new BffServerError('BFF_PROVIDER_ERROR', {
      detail: `FAPI discovery issuer ${document.issuer.slice(0, 100)} is not ${options.issuer}`,
    });
  return {
    issuer: document.issuer,
    pushedAuthorizationRequestEndpoint: document.pushed_authorization_request_endpoint,
    authorizationEndpoint: document.authorization_endpoint,
    tokenEndpoint: document.token_endpoint,
    jwksUri: document.jwks_uri,
    ...(document.userinfo_endpoint !== undefined && { userinfoEndpoint: document.userinfo_endpoint }),
  };
}

function isAllowedEndpoint(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.hash !== '' || url.username !== '' || url.password !== '') return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
}
