/**
 * The enabled providers, built once from configuration (`ctx.providers`): the shared layer looks a provider
 * up by name (`?provider=`, `/auth/callback/:provider`, a transaction's `provider`) and never imports a
 * provider's room itself. A provider that configuration does not enable is not in the registry, so every
 * lookup of it is `undefined` and the routes answer `BFF_PROVIDER_UNKNOWN`.
 */
import type { Tracer } from '@opentelemetry/api';
import type { ProviderName } from '@sgid-bff/protocol';
import type { BffConfig } from '../config';
import { traceProvider } from '../observability/trace-provider';
import { getDefaultTracer } from '../observability/tracing';
import type { FetchLike } from './call-provider';
import { createCorppassProvider } from './corppass';
import type { LoginProvider } from './provider';
import { createSgidProvider } from './sgid/sgid-provider';
import { createSingpassProvider } from './singpass';

export interface ProviderRegistry {
  /** The enabled providers' names, in configuration order. */
  readonly enabled: readonly ProviderName[];
  /** `DEFAULT_PROVIDER`: the one `/auth/login` uses without `?provider=`. */
  readonly default: LoginProvider;
  /** The enabled provider of that name; `undefined` for an unknown or disabled one. */
  get(name: string): LoginProvider | undefined;
  /** Every enabled provider, in `enabled` order. */
  list(): readonly LoginProvider[];
}

/**
 * Providers a caller supplies instead of the built-in ones (tests: a hostile or fake provider; an
 * embedding: its own client). Only providers the configuration enables are used.
 */
export type ProviderOverrides = Partial<Record<ProviderName, LoginProvider>>;

export interface ProviderDeps {
  /** Outbound HTTP for every provider (instrumented; a per-call deadline comes from each room's config). */
  readonly fetch: FetchLike;
  readonly clock: () => number;
  /** Spans of each provider's steps (observability/trace-provider.ts); the global tracer by default. */
  readonly tracer?: Tracer;
}

export function createProviderRegistry(
  config: BffConfig,
  deps: ProviderDeps,
  overrides: ProviderOverrides = {},
): ProviderRegistry {
  const byName = new Map<ProviderName, LoginProvider>();
  for (const name of config.providers.enabled) {
    const provider = overrides[name] ?? buildProvider(name, config, deps);
    if (provider.name !== name)
      throw new Error(`the provider given for ${name} calls itself ${provider.name}`);
    byName.set(name, traceProvider(provider, deps.tracer ?? getDefaultTracer()));
  }
  const fallback = byName.get(config.providers.default);
  if (fallback === undefined)
    throw new Error(`DEFAULT_PROVIDER ${config.providers.default} is not an enabled provider`);
  const list = [...byName.values()];
  return {
    enabled: [...byName.keys()],
    default: fallback,
    get: (name) => byName.get(name as ProviderName),
    list: () => list,
  };
}

function buildProvider(name: ProviderName, config: BffConfig, deps: ProviderDeps): LoginProvider {
  switch (name) {
    case 'sgid': {
      if (config.sgid === undefined) throw new Error('sgID is enabled but has no configuration');
      return createSgidProvider(config.sgid, deps);
    }
    case 'singpass': {
      if (config.singpass === undefined) throw new Error('Singpass is enabled but has no configuration');
      const { keys, ...options } = config.singpass;
      return createSingpassProvider({ ...options, keys: [...keys.reveal()] }, deps);
    }
    case 'corppass': {
      if (config.corppass === undefined) throw new Error('Corppass is enabled but has no configuration');
      const { keys, ...options } = config.corppass;
      return createCorppassProvider({ ...options, keys: [...keys.reveal()] }, deps);
    }
  }
}
