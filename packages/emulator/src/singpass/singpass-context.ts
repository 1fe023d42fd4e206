/**
 * Everything a FAPI provider's routes share, created once per provider per app beside sgID's
 * `EmulatorContext`: the profile (Singpass or Corppass), its own OP signing key, the client key resolver,
 * the login state and the two bounded replay stores. Providers share nothing but the app and personas.
 */
import type { JWK } from 'jose';
import type { EmulatorContext } from '../context';
import type { FaultName } from '../faults';
import type { SingpassRegisteredClient } from './config/singpass-client';
import { type ClientKeyResolver, createClientKeyResolver } from './crypto/client-keys';
import { loadOrCreateOpSigningKey, type OpSigningKey } from './crypto/op-signing-key';
import type { FapiProfile, FapiRegisteredClient } from './fapi-profile';
import { createFapiStore, type FapiStore } from './state/fapi-store';
import { createReplayStore, type ReplayStore } from './state/replay-store';

export interface FapiContext<C extends FapiRegisteredClient> {
  readonly shared: EmulatorContext;
  readonly profile: FapiProfile<C>;
  readonly opKey: OpSigningKey;
  readonly jwks: { readonly keys: readonly JWK[] };
  readonly clientKeys: ClientKeyResolver;
  readonly store: FapiStore;
  readonly assertionReplay: ReplayStore;
  readonly dpopReplay: ReplayStore;
  /** Seconds since the epoch, on the injected clock. */
  now(): number;
  hasFault(client: FapiRegisteredClient, fault: FaultName): boolean;
}

export type SingpassContext = FapiContext<SingpassRegisteredClient>;

export async function createFapiContext<C extends FapiRegisteredClient>(
  shared: EmulatorContext,
  fetchFn: typeof fetch,
  profile: FapiProfile<C>,
): Promise<FapiContext<C>> {
  const opKey = await loadOrCreateOpSigningKey(shared.config.dataDir, profile.signingKeyFile);
  return {
    shared,
    profile,
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
