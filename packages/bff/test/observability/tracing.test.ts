/**
 * OpenTelemetry traces of the BFF, read from an SDK tracer provider with an in-memory exporter and the
 * async-hooks context manager (what main.ts registers when `OTEL_*` enables tracing): one span per login
 * step with the right parents, session reads, store calls, proxied calls whose upstream joins the trace,
 * log lines that name their span, and no secret or personal value in any attribute or event.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { context, propagation, SpanKind } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/crypto/tokens';
import type { FetchLike } from '../../src/providers/call-provider';
import { type LoopbackUpstream, startLoopbackUpstream } from '../proxy/loopback-upstream';
import type { SimulatedBrowser } from '../support/simulated-internet';
import {
  BFF_ORIGIN,
  CLIENT_SECRET,
  createTestWorld,
  EMULATOR_PERSONA,
  PROVIDER_ORIGIN,
  readSession,
  startLoginUntilCallback,
  type TestWorld,
  visitCallback,
} from '../support/test-bff';

const exporter = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = tracerProvider.getTracer('sgid-bff');
const contextManager = new AsyncLocalStorageContextManager();

let world: TestWorld;
let upstream: LoopbackUpstream;
let dataDir: string;
beforeAll(async () => {
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  upstream = await startLoopbackUpstream();
  dataDir = mkdtempSync(path.join(tmpdir(), 'sgid-bff-tracing-'));
});
afterAll(async () => {
  await upstream.close();
  rmSync(dataDir, { recursive: true, force: true });
  context.disable();
  propagation.disable();
  await tracerProvider.shutdown();
});
afterEach(async () => {
  await world.close();
  exporter.reset();
});

/** What the login handled that must never be in a span, collected as the flow goes. */
interface Secrets {
  [what: string]: string;
}

/** A whole sgID login through the emulator, keeping every secret it handled (cookies, code, tokens…). */
async function loginKeepingSecrets(): Promise<{ secrets: Secrets; browser: SimulatedBrowser }> {
  const secrets: Secrets = {};
  world.internet.observe(({ url, headers }) => {
    if (url.origin !== PROVIDER_ORIGIN) return;
    const nonce = url.searchParams.get('nonce');
    if (nonce !== null) secrets.nonce = nonce;
    const challenge = url.searchParams.get('code_challenge');
    if (challenge !== null) secrets['code challenge'] = challenge;
    const bearer = headers.get('authorization');
    if (bearer?.startsWith('Bearer ')) secrets['access token'] = bearer.slice(7);
  });
  const browser = world.browser();
  const callbackUrl = new URL(await startLoginUntilCallback(browser, '/profile'));
  secrets['login cookie'] = browser.jar.get('__Host-sgid-bff.login')?.value ?? '';
  secrets.code = callbackUrl.searchParams.get('code') ?? '';
  secrets.state = callbackUrl.searchParams.get('state') ?? '';
  await visitCallback(browser, callbackUrl.href);
  const sessionId = browser.jar.get('__Host-sgid-bff.session')?.value ?? '';
  expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
  secrets['session id'] = sessionId;
  secrets['session id hash (store key)'] = hashToken(sessionId);
  secrets['client secret'] = CLIENT_SECRET;
  const session = await readSession(browser);
  expect(session.authenticated).toBe(true);
  secrets.sub = String(session.sub);
  secrets.name = EMULATOR_PERSONA.name;
  secrets.NRIC = EMULATOR_PERSONA.nric;
  secrets['date of birth'] = EMULATOR_PERSONA.dateOfBirth;
  return { secrets, browser };
}

/** Keeps the ID token the provider's token endpoint answered. */
function keepIdToken(into: { idToken?: string }): (fetch: FetchLike) => FetchLike {
  return (fetch) => async (input, init) => {
    const response = await fetch(input, init);
    if (String(input).endsWith('/token')) {
      const body = (await response.clone().json()) as { id_token?: string };
      into.idToken = body.id_token;
    }
    return response;
  };
}

const spans = () => exporter.getFinishedSpans();
const named = (name: string) => spans().filter((s) => s.name === name);
const one = (name: string): ReadableSpan => {
  const found = named(name);
  expect(found, name).toHaveLength(1);
  return found[0] as ReadableSpan;
};
const parentOf = (span: ReadableSpan) =>
  spans().find((s) => s.spanContext().spanId === span.parentSpanContext?.spanId);
/** Whether `span` is below `ancestor` in the same trace. */
function isDescendant(span: ReadableSpan, ancestor: ReadableSpan): boolean {
  for (let at = parentOf(span); at !== undefined; at = parentOf(at))
    if (at.spanContext().spanId === ancestor.spanContext().spanId) return true;
  return false;
}

describe('tracing', () => {
  it('a whole sgID login is one trace per request: login.start, login.callback with provider.complete_login, its sgID steps and provider.http calls, session.create and store calls', async () => {
    world = await createTestWorld({ tracer });
    await loginKeepingSecrets();

    const start = one('login.start');
    expect(start.kind).toBe(SpanKind.SERVER);
    expect(start.attributes).toMatchObject({
      'sgid_bff.provider': 'sgid',
      'http.route': '/auth/login',
      'http.request.method': 'GET',
      'http.response.status_code': 302,
    });
    const begin = one('provider.begin_login');
    expect(parentOf(begin)?.name).toBe('login.start');
    expect(named('store.createTransaction').every((s) => isDescendant(s, start))).toBe(true);

    const callback = one('login.callback');
    expect(callback.attributes).toMatchObject({
      'sgid_bff.provider': 'sgid',
      'http.route': '/auth/callback',
      'http.response.status_code': 302,
    });
    expect(callback.parentSpanContext).toBeUndefined(); // a new trace: nothing from the browser
    const complete = one('provider.complete_login');
    expect(parentOf(complete)?.name).toBe('login.callback');
    for (const step of [
      'provider.token_exchange',
      'provider.id_token_verify',
      'provider.userinfo_fetch',
      'provider.userinfo_decrypt',
    ]) {
      const span = one(step);
      expect(parentOf(span)?.name, step).toBe('provider.complete_login');
      expect(isDescendant(span, callback), step).toBe(true);
    }
    const calls = named('provider.http');
    expect(calls.map((s) => s.attributes['url.path']).sort()).toEqual(
      expect.arrayContaining(['/v2/oauth/token', '/v2/oauth/userinfo']),
    );
    for (const call of calls) {
      expect(call.kind).toBe(SpanKind.CLIENT);
      expect(isDescendant(call, complete)).toBe(true);
      expect(call.attributes['http.response.status_code']).toBe(200);
      expect(String(call.attributes['url.path'])).not.toContain('?');
    }
    expect(
      parentOf(calls.find((s) => s.attributes['url.path'] === '/v2/oauth/token') as ReadableSpan)?.name,
    ).toBe('provider.token_exchange');
    const created = one('session.create');
    expect(parentOf(created)?.name).toBe('login.callback');
    const stored = one('store.createSession');
    expect(parentOf(stored)?.name).toBe('session.create');
    expect(stored.attributes).toMatchObject({ 'sgid_bff.store': 'memory' });
    expect(named('store.consumeTransaction').every((s) => isDescendant(s, callback))).toBe(true);
    // The session read after the login has its own trace.
    const read = one('session.read');
    expect(read.spanContext().traceId).not.toBe(callback.spanContext().traceId);
    expect(named('store.readSession').some((s) => isDescendant(s, read))).toBe(true);
  });

  it('a proxied call is proxy.request, and the upstream gets a traceparent of that trace, never the one the browser sent', async () => {
    world = await createTestWorld({
      tracer,
      env: {
        DATA_DIR: dataDir,
        // The route passes traceparent/tracestate through, as an operator might: the BFF's still win.
        API_ROUTES: JSON.stringify([
          { prefix: '/api/echo', upstream: upstream.origin, headers: ['traceparent', 'tracestate'] },
        ]),
      },
    });
    const { browser } = await loginKeepingSecrets();
    exporter.reset();
    const chosen = '0af7651916cd43dd8448eb211c80319c';
    const response = await browser.fetch(`${BFF_ORIGIN}/api/echo/items?q=1`, {
      headers: { 'x-csrf': '1', traceparent: `00-${chosen}-b7ad6b7169203331-01`, tracestate: 'evil=1' },
    });
    expect(response.status).toBe(200);
    const proxied = one('proxy.request');
    expect(proxied.kind).toBe(SpanKind.SERVER);
    expect(proxied.attributes).toMatchObject({
      'sgid_bff.api_route': '/api/echo',
      'http.route': '/api/echo/*',
      'http.response.status_code': 200,
    });
    expect(proxied.parentSpanContext).toBeUndefined();
    const { traceId, spanId } = proxied.spanContext();
    expect(traceId).not.toBe(chosen);
    const seen = upstream.seen.at(-1)?.headers ?? {};
    expect(seen.traceparent).toBe(`00-${traceId}-${spanId}-01`);
    expect(seen.tracestate).toBeUndefined();
    expect(named('store.readSession').every((s) => isDescendant(s, proxied))).toBe(true);
  });

  it('with TRACE_TRUST_INCOMING=true a request continues the incoming trace (a gateway in front sets it)', async () => {
    world = await createTestWorld({ tracer, env: { TRACE_TRUST_INCOMING: 'true' } });
    const gateway = '0af7651916cd43dd8448eb211c80319c';
    await world.bff.inject({
      url: '/auth/session',
      headers: { 'x-csrf': '1', traceparent: `00-${gateway}-b7ad6b7169203331-01` },
    });
    const read = one('session.read');
    expect(read.spanContext().traceId).toBe(gateway);
    expect(read.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
  });

  it('no span attribute or event of a whole login carries a secret, token, code, state, nonce, cookie, session id or personal value', async () => {
    const issued: { idToken?: string } = {};
    world = await createTestWorld({
      tracer,
      wrapFetch: keepIdToken(issued),
      env: {
        DATA_DIR: dataDir,
        SGID_SCOPES: 'openid myinfo.name myinfo.nric_number myinfo.date_of_birth',
        API_ROUTES: JSON.stringify([{ prefix: '/api/echo', upstream: upstream.origin }]),
      },
    });
    const { browser, secrets } = await loginKeepingSecrets();
    await browser.fetch(`${BFF_ORIGIN}/api/echo/hello?q=1`, { headers: { 'x-csrf': '1' } });
    secrets['identity token'] = (upstream.seen.at(-1)?.headers.authorization ?? '').slice(7);
    secrets['ID token'] = issued.idToken ?? '';
    // Failing callbacks too: a replay (refused before any provider call) and a login whose code the
    // provider refuses (invalid_grant: its spans record BFF_PROVIDER_ERROR by code only).
    await world.bff.inject({ url: `/auth/callback?code=${secrets.code}&state=${secrets.state}` });
    const second = new URL(await startLoginUntilCallback(browser, '/profile'));
    secrets['second state'] = second.searchParams.get('state') ?? '';
    secrets['second code'] = second.searchParams.get('code') ?? '';
    second.searchParams.set('code', `${secrets['second code']}x`);
    await visitCallback(browser, second.href);
    expect(named('provider.token_exchange').at(-1)?.status.message).toBe('BFF_PROVIDER_ERROR');
    await browser.fetch(`${BFF_ORIGIN}/auth/logout`, { method: 'POST', headers: { 'x-csrf': '1' } });

    const everything = spans().flatMap((span) => [
      span.name,
      span.status.message ?? '',
      ...Object.entries(span.attributes).map(([k, v]) => `${k}=${String(v)}`),
      ...span.events.flatMap((event) => [
        event.name,
        ...Object.entries(event.attributes ?? {}).map(([k, v]) => `${k}=${String(v)}`),
      ]),
    ]);
    expect(spans().length).toBeGreaterThan(20);
    expect(everything.some((text) => text.startsWith('exception.type=BFF_'))).toBe(true);
    const text = everything.join('\n');
    for (const [what, value] of Object.entries(secrets)) {
      expect(value.length, what).toBeGreaterThan(5);
      expect(text.includes(value), `${what} is in a span`).toBe(false);
    }
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    expect(text).not.toMatch(/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/);
    expect(text).not.toContain('?');
  });

  it('log lines written inside a traced login carry the trace_id and span_id of its span', async () => {
    world = await createTestWorld({ tracer, env: { LOG_LEVEL: 'debug' } });
    const { secrets } = await loginKeepingSecrets();
    world.logLines.length = 0;
    // The same callback again from elsewhere: refused inside login.callback, and logged there.
    await world.bff.inject({ url: `/auth/callback?code=${secrets.code}&state=${secrets.state}` });
    const callback = named('login.callback').at(-1) as ReadableSpan;
    const lines = world.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const traced = lines.filter((line) => line.trace_id !== undefined);
    expect(traced.length).toBeGreaterThan(0);
    for (const line of traced) {
      expect(line.trace_id).toBe(callback.spanContext().traceId);
      expect(line.span_id).toBe(callback.spanContext().spanId);
      expect(line.reqId).toBeDefined();
    }
  });
});
