/**
 * The SPA's calls through the BFF beyond the session: the sessions list (GET/DELETE /auth/sessions,
 * POST /auth/sessions/revoke-others) and the demo API (GET /api/demo/hello). Each answers a small
 * result union, so pages render every case — including "not available on this server" (404), since
 * these endpoints arrive in later versions of the BFF.
 */
import { type BffClient, BffRequestError, type BffRequestErrorCode, isBffError } from '@sgid-bff/client';

type BffFetch = BffClient['fetch'];

/** One of the user's sessions, as `GET /auth/sessions` lists it. */
export interface DeviceSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  device: string;
  current: boolean;
}

export type CallResult<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'unavailable' }
  | { kind: 'unauthenticated'; code: BffRequestErrorCode }
  | { kind: 'error'; error: BffRequestError };

const MISSING_STATUSES = new Set([404, 405, 501]);

/** Runs `call`, sorting every outcome into a {@link CallResult}. */
async function settle<T>(
  call: () => Promise<Response>,
  read: (response: Response) => Promise<T>,
): Promise<CallResult<T>> {
  try {
    const response = await call();
    if (MISSING_STATUSES.has(response.status)) return { kind: 'unavailable' };
    if (!response.ok) {
      return {
        kind: 'error',
        error: new BffRequestError('CLIENT_BAD_RESPONSE', 'The server could not answer.', {
          status: response.status,
        }),
      };
    }
    return { kind: 'ok', value: await read(response) };
  } catch (error) {
    if (!isBffError(error)) throw error;
    if (MISSING_STATUSES.has(error.status)) return { kind: 'unavailable' };
    if (error.status === 401) return { kind: 'unauthenticated', code: error.code };
    return { kind: 'error', error };
  }
}

const describeDevice = (device: unknown): string => {
  if (typeof device === 'string' && device.trim() !== '') return device;
  if (typeof device === 'object' && device !== null) {
    const label = (device as Record<string, unknown>).label ?? (device as Record<string, unknown>).userAgent;
    if (typeof label === 'string' && label.trim() !== '') return label;
  }
  return 'Unknown device';
};

/** Reads the sessions list: an array, or `{ sessions: [...] }`. Entries that don't fit are skipped. */
export function parseSessionList(body: unknown): DeviceSession[] {
  const list = Array.isArray(body) ? body : (body as { sessions?: unknown } | null)?.sessions;
  if (!Array.isArray(list))
    throw new BffRequestError('CLIENT_BAD_RESPONSE', 'Unexpected sessions list.', { status: 200 });
  return list.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { id, createdAt, lastSeenAt, device, current } = item as Record<string, unknown>;
    if (typeof id !== 'string' || typeof createdAt !== 'string') return [];
    return [
      {
        id,
        createdAt,
        lastSeenAt: typeof lastSeenAt === 'string' ? lastSeenAt : createdAt,
        device: describeDevice(device),
        current: current === true,
      },
    ];
  });
}

const json = (response: Response): Promise<unknown> => response.json();
const nothing = async (): Promise<null> => null;

export const listSessions = (fetch: BffFetch) =>
  settle(
    () => fetch('/auth/sessions', { headers: { Accept: 'application/json' } }),
    async (r) => parseSessionList(await json(r)),
  );

export const revokeSession = (fetch: BffFetch, id: string) =>
  settle(() => fetch(`/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }), nothing);

export const revokeOtherSessions = (fetch: BffFetch) =>
  settle(() => fetch('/auth/sessions/revoke-others', { method: 'POST' }), nothing);

export const callDemoApi = (fetch: BffFetch) =>
  settle(
    () => fetch('/api/demo/hello', { headers: { Accept: 'application/json' } }),
    async (r) => {
      const type = r.headers.get('content-type') ?? '';
      return type.includes('json') ? ((await r.json()) as unknown) : await r.text();
    },
  );
