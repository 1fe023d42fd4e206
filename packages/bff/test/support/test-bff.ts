/**
 * One call sets up a whole in-process world: the BFF (real config loader, memory store unless given),
 * a provider (the stub by default), a fake clock shared by all, and the simulated internet.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Tracer } from '@opentelemetry/api';
import {
  type CorppassClientConfig,
  createEmulatorApp,
  type FaultName,
  type SingpassClientConfig,
} from '@sgid-bff/emulator';
import { DATA_SCOPES, type SingpassAppType } from '@sgid-bff/protocol';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { createBffApp } from '../../src/app';
import { type BffConfig, loadConfig, type SgidConfig } from '../../src/config';
import { createSingpassJwk } from '../../src/config/test-env';
import { createLogger } from '../../src/logger';
import { createBffHandler } from '../../src/mount/create-bff-handler';
import type { FetchLike } from '../../src/providers/call-provider';
import type { ProviderOverrides } from '../../src/providers/registry';
import { createMemoryStore } from '../../src/store/memory-store';
import type { BffStore } from '../../src/store/store';
import { createFakeClock, type FakeClock } from './fake-clock';
import { getTestKeyPair } from './keys';
import { createExpressHost, expressMountedBff, standaloneBff, type TestBff } from './mounted-bff';
import {
  createSimulatedInternet,
  type Navigation,
  type SimulatedBrowser,
  type SimulatedInternet,
} from './simulated-internet';
import { createStubProvider, type StubProvider } from './stub-provider';

/**
 * Which form every test world runs the BFF in: the standalone app (default), or `BFF_FORM=express`, the
 * mounted form in an Express host (mounted-bff.ts; the vitest project `mounted` re-runs the SECURITY.md
 * suites so).
 */
export type BffForm = 'standalone' | 'express';
export const BFF_FORM: BffForm = process.env.BFF_FORM === 'express' ? 'express' : 'standalone';

export const BFF_ORIGIN = 'http://localhost:3000';
export const PROVIDER_ORIGIN = 'http://127.0.0.1:5156';
export const CLIENT_ID = 'test-client';
export const CLIENT_SECRET = 'test-secret-0123456789abcdef0123';
export const SPA_HTML =
  '<!doctype html><html><head><link rel="stylesheet" href="/assets/app.css"><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>';

let spaDir: string | undefined;

/** A tiny built SPA, so tests never depend on whether packages/spa was built. */
export function getTestSpaDir(): string {
  if (spaDir) return spaDir;
  spaDir = mkdtempSync(path.join(tmpdir(), 'sgid-bff-spa-'));
  mkdirSync(path.join(spaDir, 'assets'));
  writeFileSync(path.join(spaDir, 'index.html'), SPA_HTML);
  writeFileSync(path.join(spaDir, 'assets', 'app.js'), 'console.log("spa")');
  writeFileSync(path.join(spaDir, 'assets', 'app.css'), 'body{}');
  return spaDir;
}

export function createTestEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    PUBLIC_URL: BFF_ORIGIN,
    SGID_CLIENT_ID: CLIENT_ID,
    SGID_CLIENT_SECRET: CLIENT_SECRET,
    SGID_PRIVATE_KEY: getTestKeyPair().privatePem,
    SGID_HOSTNAME: PROVIDER_ORIGIN,
    SGID_SCOPES: 'openid myinfo.name myinfo.date_of_birth',
    SESSION_STORE: 'memory',
    SPA_DIR: getTestSpaDir(),
    LOG_LEVEL: 'silent',
    ...overrides,
  };
}

/** The sgID room of a test configuration (every test world enables sgID). */
export function sgidOf(config: BffConfig): SgidConfig {
  if (config.sgid === undefined) throw new Error('this test world has no sgID configuration');
  return config.sgid;
}

export interface TestWorld {
  config: BffConfig;
  /** The BFF in the world's form (`BFF_FORM`): `inject`, `listen`, `server`, `close`. */
  bff: TestBff;
  /** The standalone Fastify app, in a world of form `standalone` only (see `standaloneAppOf`). */
  app?: FastifyInstance;
  form: BffForm;
  stub: StubProvider;
  /** The app answering at PROVIDER_ORIGIN (the emulator or the stub). */
  provider: FastifyInstance;
  store: BffStore;
  clock: FakeClock;
  internet: SimulatedInternet;
  browser: () => SimulatedBrowser;
  logLines: string[];
  close: () => Promise<void>;
}

export interface TestWorldOptions {
  env?: Record<string, string>;
  /**
   * The BFF's form; default `BFF_FORM`. Pin `standalone` only for a test that changes the Fastify app
   * itself (adds a route), which the mounted form shares but does not expose.
   */
  form?: BffForm;
  store?: BffStore;
  clock?: FakeClock;
  /**
   * Who answers at PROVIDER_ORIGIN: the real emulator (default, auto-approving the persona S9812381D) or
   * the stub whose every answer the test controls (hostile-provider cases).
   */
  provider?: 'emulator' | 'stub';
  /** Let the app open the store its configuration names (and close it), instead of a memory store. */
  storeFromConfig?: boolean;
  /** Emulator faults for the test client (docs/contracts.md). */
  faults?: FaultName[];
  /** Providers the BFF uses instead of its built-in ones (e.g. a Singpass stand-in: fake-singpass.ts). */
  providers?: ProviderOverrides;
  /**
   * Enable Singpass (FAPI 2.0) too, as a Login or a Myinfo app, against the emulator's real Singpass
   * provider at SINGPASS_ISSUER on the same simulated origin (the emulator serves both).
   */
  singpass?: SingpassAppType;
  /** The persona the emulator approves at once (default EMULATOR_PERSONA). */
  autoApprove?: string;
  /** The BFF's tracer (tests: an SDK tracer provider with an in-memory exporter); default the global one. */
  tracer?: Tracer;
  /** Wraps the BFF's outbound fetch, e.g. to see what the provider answered. */
  wrapFetch?: (fetch: FetchLike) => FetchLike;
  /** Enable Corppass too, against the emulator's Corppass provider at CORPPASS_ISSUER. */
  corppass?: boolean;
  /** The entity a Corppass auto-approval acts for (default: the persona's first entity). */
  autoApproveEntity?: string;
}

/** The emulator's Corppass issuer on the simulated internet (Corppass's issuer is a root: no `/fapi`). */
export const CORPPASS_ISSUER = `${PROVIDER_ORIGIN}/corppass`;
export const CORPPASS_CLIENT_ID = 'bffTestsCorppass01234';
export const CORPPASS_TEST_KEYS = [
  createSingpassJwk('sig', 'bff-cp-sig-1'),
  createSingpassJwk('enc', 'bff-cp-enc-1'),
];
export const CORPPASS_TEST_SCOPES =
  'openid authinfo tpauthinfo entity.identity entity.basic_profile.entity_name entity.basic_profile.uen_status user.identity user.name user.corppass.email';

/** The BFF environment enabling Corppass against the emulator (sgID stays enabled). */
export function corppassEnv(): Record<string, string> {
  return {
    CORPPASS_CLIENT_ID,
    CORPPASS_ISSUER,
    CORPPASS_KEYS: JSON.stringify({ keys: CORPPASS_TEST_KEYS }),
    CORPPASS_SCOPES: CORPPASS_TEST_SCOPES,
  };
}

/** The emulator's Singpass issuer on the simulated internet. */
export const SINGPASS_ISSUER = `${PROVIDER_ORIGIN}/singpass/v3/fapi`;
/** A 32-character client id, as the Singpass Developer Portal issues. */
export const SINGPASS_CLIENT_ID = 'bffTestsSingpassClient0123456789';
/** The BFF's private Singpass JWKS for the test worlds (one sig, one enc key on P-256). */
export const SINGPASS_TEST_KEYS = [
  createSingpassJwk('sig', 'bff-sig-1'),
  createSingpassJwk('enc', 'bff-enc-1'),
];
/** Scopes the test worlds' Singpass apps ask for, by app type. */
export const SINGPASS_TEST_SCOPES: Record<SingpassAppType, string> = {
  login: 'openid user.identity name email mobileno',
  myinfo: 'openid uinfin name sex dob regadd mobileno email',
};

/** The BFF environment enabling Singpass against the emulator (sgID stays enabled). */
export function singpassEnv(appType: SingpassAppType): Record<string, string> {
  return {
    SINGPASS_CLIENT_ID,
    SINGPASS_ISSUER,
    SINGPASS_KEYS: JSON.stringify({ keys: SINGPASS_TEST_KEYS }),
    SINGPASS_APP_TYPE: appType,
    SINGPASS_SCOPES: SINGPASS_TEST_SCOPES[appType],
  };
}

/** The emulator's built-in persona the emulator world logs in as. */
export const EMULATOR_PERSONA = { nric: 'S9812381D', name: 'TAN HENG HUAT', dateOfBirth: '1998-10-06' };

async function createEmulator(
  config: BffConfig,
  clock: FakeClock,
  faults: FaultName[],
  autoApprove: string,
  autoApproveEntity: string | undefined,
): Promise<FastifyInstance> {
  const singpass = config.singpass;
  const singpassClients: SingpassClientConfig[] =
    singpass === undefined
      ? []
      : [
          {
            provider: 'singpass',
            id: singpass.clientId,
            name: 'BFF tests (Singpass)',
            appType: singpass.appType,
            redirectUris: [singpass.redirectUri],
            scopes: [...singpass.scopes],
            jwks: { keys: SINGPASS_TEST_KEYS.map(({ d: _private, ...publicHalf }) => publicHalf) },
            faults,
          },
        ];
  const corppass = config.corppass;
  const corppassClients: CorppassClientConfig[] =
    corppass === undefined
      ? []
      : [
          {
            provider: 'corppass',
            id: corppass.clientId,
            name: 'BFF tests (Corppass)',
            appType: 'login',
            redirectUris: [corppass.redirectUri],
            scopes: [...corppass.scopes],
            jwks: { keys: CORPPASS_TEST_KEYS.map(({ d: _private, ...publicHalf }) => publicHalf) },
            contextTypes: ['APP_AUTHENTICATION_DEFAULT'],
            faults,
          },
        ];
  return createEmulatorApp(
    {
      publicUrl: PROVIDER_ORIGIN,
      ...(autoApproveEntity !== undefined && { autoApproveEntity }),
      clients: [
        ...singpassClients,
        ...corppassClients,
        {
          id: CLIENT_ID,
          secret: CLIENT_SECRET,
          name: 'BFF tests',
          redirectUris: [sgidOf(config).redirectUri],
          scopes: [...DATA_SCOPES],
          publicKey: getTestKeyPair().publicPem,
          faults,
        },
      ],
      autoApprove,
      faultDelayMs: 5000,
    },
    { clock: clock.now },
  );
}

export async function createTestWorld(options: TestWorldOptions = {}): Promise<TestWorld> {
  const clock = options.clock ?? createFakeClock();
  const env = createTestEnv({
    ...(options.singpass ? singpassEnv(options.singpass) : {}),
    ...(options.corppass ? corppassEnv() : {}),
    ...options.env,
  });
  const config = loadConfig(env);
  const internet = createSimulatedInternet({ clock: clock.now });
  const stub = createStubProvider({
    origin: PROVIDER_ORIGIN,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: sgidOf(config).redirectUri,
    clientPublicKey: getTestKeyPair().publicKey,
    clock: clock.now,
  });
  const store = options.store ?? createMemoryStore();
  const logLines: string[] = [];
  const logger = createLogger(config.logLevel === 'silent' ? 'debug' : config.logLevel, {
    write: (line: string) => void logLines.push(line),
  });
  const deps = {
    store: options.storeFromConfig ? undefined : store,
    fetch: options.wrapFetch ? options.wrapFetch(internet.fetch) : internet.fetch,
    clock: clock.now,
    logger,
    providers: options.providers,
    tracer: options.tracer,
  };
  const form = options.form ?? BFF_FORM;
  let app: FastifyInstance | undefined;
  let bff: TestBff;
  if (form === 'express') {
    // The same variables, as the configuration object a host passes (loadConfigObject).
    const handler = await createBffHandler({ config: env }, deps);
    bff = expressMountedBff(handler, createExpressHost(handler, config.spaDir));
  } else {
    app = await createBffApp(config, deps);
    bff = standaloneBff(app);
  }
  const emulator =
    options.provider === 'stub'
      ? undefined
      : await createEmulator(
          config,
          clock,
          options.faults ?? [],
          options.autoApprove ?? EMULATOR_PERSONA.nric,
          options.autoApproveEntity,
        );
  internet.register(BFF_ORIGIN, bff);
  const provider = emulator ?? stub.app;
  internet.register(PROVIDER_ORIGIN, provider);
  return {
    config,
    bff,
    ...(app !== undefined && { app }),
    form,
    stub,
    provider,
    store,
    clock,
    internet,
    browser: () => internet.createBrowser(),
    logLines,
    close: async () => {
      await bff.close();
      await stub.app.close();
      await emulator?.close();
    },
  };
}

/** The standalone Fastify app of a world created with `form: 'standalone'`. */
export function standaloneAppOf(world: TestWorld): FastifyInstance {
  if (world.app === undefined) throw new Error('this test world runs the mounted form; pin form: standalone');
  return world.app;
}

/** Log in the way a user does: navigate to /auth/login and follow every redirect. */
export function loginWith(browser: SimulatedBrowser, returnTo = '/profile') {
  return browser.navigate(`${BFF_ORIGIN}/auth/login?returnTo=${encodeURIComponent(returnTo)}`, {
    from: `${BFF_ORIGIN}/`,
  });
}

/** Read the session as the SPA does. */
export async function readSession(browser: SimulatedBrowser, query = ''): Promise<Record<string, unknown>> {
  const response = await browser.fetch(`${BFF_ORIGIN}/auth/session${query}`, { headers: { 'x-csrf': '1' } });
  return (await response.json()) as Record<string, unknown>;
}

/** Start a login and stop where sgID redirects back: answers the callback URL, not yet visited. */
export async function startLoginUntilCallback(
  browser: SimulatedBrowser,
  returnTo = '/profile',
): Promise<string> {
  const nav = await browser.navigate(`${BFF_ORIGIN}/auth/login?returnTo=${encodeURIComponent(returnTo)}`, {
    from: `${BFF_ORIGIN}/`,
    stopBefore: (url) => url.pathname === '/auth/callback',
  });
  if (nav.status !== 0) throw new Error(`login did not reach the callback: ${nav.status}`);
  return nav.url;
}

/** Visit a callback URL as sgID's redirect would (a cross-site top-level navigation). */
export function visitCallback(browser: SimulatedBrowser, callbackUrl: string) {
  return browser.navigate(callbackUrl, { from: `${PROVIDER_ORIGIN}/v2/oauth/authorize` });
}

/**
 * Where a failed login landed in the SPA: the `?login=<outcome>&error=<code>&requestId=<id>` the BFF put
 * on `returnTo`, or `undefined` when the navigation did not end there.
 */
export function readLoginOutcome(nav: Navigation):
  | {
      path: string;
      outcome: string | null;
      code: string | null;
      requestId: string | null;
      /** The `X-Request-Id` of the callback's answer, which `requestId` must equal. */
      callbackRequestId: string | null;
    }
  | undefined {
  const url = new URL(nav.url);
  if (url.origin !== BFF_ORIGIN || !url.searchParams.has('error')) return undefined;
  const callback = nav.chain.find((hop) => new URL(hop.url).pathname.startsWith('/auth/callback'));
  return {
    path: url.pathname,
    outcome: url.searchParams.get('login'),
    code: url.searchParams.get('error'),
    requestId: url.searchParams.get('requestId'),
    callbackRequestId: callback?.headers.get('x-request-id') ?? null,
  };
}

/** The login failed after sgID's redirect and landed in the SPA at `path` saying `code`, with a request id. */
export function expectLoginFailedWith(nav: Navigation, code: string, path = '/profile'): void {
  const landed = readLoginOutcome(nav);
  expect(landed, `${nav.status} ${nav.url}`).toMatchObject({ path, code });
  expect(landed?.requestId).toMatch(/\S/);
  expect(landed?.requestId).toBe(landed?.callbackRequestId);
  expect(nav.chain.find((hop) => hop.url.includes('/auth/callback'))?.status).toBe(303);
}
