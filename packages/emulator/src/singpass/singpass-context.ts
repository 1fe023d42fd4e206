/**
 * Everything the Singpass routes share, created once per app beside sgID's `EmulatorContext`: the OP
 * signing key, the client key resolver, the login state and the two bounded replay stores.
 */
import type { JWK } from 'jose';
import type { EmulatorContext } from '../context';
import type { FaultName } from '../faults';
import type { SingpassRegisteredClient } from './config/singpass-client';
import { type ClientKeyResolver, createClientKeyResolver } from './crypto/client-keys';
import { loadOrCreateOpSigningKey, type OpSigningKey } from './crypto/op-signing-key';
import { createFapiStore, type FapiStore } from './state/fapi-store';
import { createReplayStore, type ReplayStore } from './state/replay-store';

export interface SingpassContext {
  readonly shared: EmulatorContext;
  readonly opKey: OpSigningKey;
  readonly jwks: { readonly keys: readonly JWK[] };
  readonly clientKeys: ClientKeyResolver;
  readonly store: FapiStore;
  readonly assertionReplay: ReplayStore;
  readonly dpopReplay: ReplayStore;
  /** Seconds since the epoch, on the injected clock. */
  now(): number;
  hasFault(client: SingpassRegisteredClient, fault: FaultName): boolean;
}

export async function createSingpassContext(
  shared: EmulatorContext,
  fetchFn: typeof fetch,
): Promise<SingpassContext> {
  const opKey = await loadOrCreateOpSigningKey(shared.config.dataDir);
  return {
    shared,
    opKey,
    jwks: Object.freeze({ keys: Object.freeze([opKey.publicJwk]) }),
    clientKeys: createClientKeyResolver(fetchFn, shared.clock),
    store: createFapiStore(shared.clock),
    assertionReplay: createReplayStore(shared.clock),
    dpopReplay: createReplayStore(shared.clock),
    now: () => Math.floor(shared.clock() / 1000),
    hasFault: (client, fault) => shared.faults.has(client.id, fault),
  };
}
