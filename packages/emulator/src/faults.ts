/**
 * Fault injection: named misbehaviours a client can be given (in config or at run time through
 * `PUT /debug/clients/:id/faults`) so a relying party can prove it fails safely. The names are part of
 * the contract between packages (docs/contracts.md).
 */
import { EmulatorError } from './errors';

/** Every fault the emulator can inject. */
export const FAULT_NAMES = [
  'slow-token',
  'token-error',
  'slow-userinfo',
  'userinfo-error',
  'expired-id-token',
  'wrong-nonce',
  'wrong-aud',
  'wrong-iss',
  'bad-signature',
  'unknown-kid',
  'sub-mismatch',
  'unexpected-jwe-alg',
  'malformed-jwe',
  // Singpass FAPI 2.0 (docs/emulator.md, Singpass section); `wrong-iss` above applies to both providers.
  'dpop-replayed',
  'assertion-stale',
  'dpop-key-mismatch',
  'jwks-unreachable',
  'enc-alg-swap',
  'server-error',
  // Corppass FAPI 2.0 (docs/emulator.md, Corppass section).
  'authinfo-expired',
  'double-encoded',
  'missing-act',
] as const;

export type FaultName = (typeof FAULT_NAMES)[number];

/** What each fault does, for the debug page and the docs. */
export const FAULT_DESCRIPTIONS: Readonly<Record<FaultName, string>> = {
  'slow-token': 'the token endpoint answers after `faultDelayMs` (default 5 s)',
  'token-error': 'the token endpoint answers 500 `server_error`',
  'slow-userinfo': 'the userinfo endpoint answers after `faultDelayMs`',
  'userinfo-error': 'the userinfo endpoint answers 500 `server_error`',
  'expired-id-token': 'the ID token `exp` is in the past',
  'wrong-nonce': 'the ID token carries a different `nonce`',
  'wrong-aud': 'the ID token `aud` is another client id',
  'wrong-iss': 'the ID token `iss` is another issuer',
  'bad-signature': 'the ID token signature does not verify',
  'unknown-kid': 'the ID token `kid` is not in the JWKS',
  'sub-mismatch': 'userinfo answers a `sub` different from the ID token',
  'unexpected-jwe-alg': 'userinfo is encrypted with RSA-OAEP + A128CBC-HS256 and dir + A256GCM (as MockPass)',
  'malformed-jwe': 'userinfo `data` values are not valid compact JWEs',
  'dpop-replayed': 'Singpass: every DPoP proof is rejected as a replay (`invalid_dpop_proof`)',
  'assertion-stale': 'Singpass: every client assertion is rejected as stale (`invalid_client`)',
  'dpop-key-mismatch': "Singpass: the token endpoint says the DPoP key differs from PAR's (`invalid_grant`)",
  'jwks-unreachable': "Singpass: the client's JWKS cannot be fetched (PAR answers `server_error`)",
  'enc-alg-swap':
    'Singpass: the ID token is encrypted with `ECDH-ES` direct + `A128CBC-HS256`, off the allow-list',
  'server-error': 'Singpass, Corppass: authorize redirects back with `error=server_error` and the state',
  'authinfo-expired': "Corppass: every `auth_info`/`tp_auth_info` row's `EndDate` is yesterday",
  'double-encoded': 'Corppass: `auth_info`, `tp_auth_info` and the ID token `act` are sent as JSON strings',
  'missing-act': 'Corppass: the ID token has no `act` (acting user)',
};

export function isFaultName(value: unknown): value is FaultName {
  return typeof value === 'string' && (FAULT_NAMES as readonly string[]).includes(value);
}

/** The faults active per client, changeable at run time. */
export interface FaultState {
  has(clientId: string, fault: FaultName): boolean;
  list(clientId: string): readonly FaultName[];
  set(clientId: string, faults: readonly FaultName[]): void;
}

/** Create the run-time fault table, seeded from the clients' configured faults. */
export function createFaultState(initial: ReadonlyMap<string, readonly FaultName[]>): FaultState {
  const table = new Map<string, ReadonlySet<FaultName>>();
  for (const [clientId, faults] of initial) table.set(clientId, new Set(faults));
  return {
    has: (clientId, fault) => table.get(clientId)?.has(fault) ?? false,
    list: (clientId) => [...(table.get(clientId) ?? [])],
    set: (clientId, faults) => {
      table.set(clientId, new Set(faults));
    },
  };
}

/** Validate a `{faults: [...]}` body from the debug API, naming every unknown fault at once. */
export function parseFaultList(body: unknown): FaultName[] {
  const faults =
    typeof body === 'object' && body !== null ? (body as { faults?: unknown }).faults : undefined;
  if (!Array.isArray(faults)) {
    throw new EmulatorError('EMU_UNKNOWN_FAULT', { description: 'Expected a JSON body {"faults": [...]}.' });
  }
  const unknown = faults.filter((fault) => !isFaultName(fault));
  if (unknown.length > 0) {
    throw new EmulatorError('EMU_UNKNOWN_FAULT', {
      description: `Unknown fault(s): ${unknown.map((f) => JSON.stringify(f)).join(', ')}. Known: ${FAULT_NAMES.join(', ')}.`,
    });
  }
  return [...new Set(faults as FaultName[])];
}

/** Wait `ms` milliseconds (real time: a slow fault is about the network, not the emulator clock). */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
