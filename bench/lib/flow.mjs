// The login flow drivers: each flow is what one browser (or one relying party) does, step by step, with its
// own cookie jar. `runFlows` runs flows at a fixed concurrency, bounded both in count and in time.
import { createHash, randomBytes } from 'node:crypto';
import { CookieJar } from '../../scripts/lib/cookie-jar.mjs';
import { location } from './http.mjs';
import { percentile } from './stats.mjs';

function expect(res, statuses, what) {
  if (!statuses.includes(res.status)) {
    throw new Error(`${what}: expected ${statuses.join('/')}, got ${res.status}: ${res.body.slice(0, 300)}`);
  }
  return res;
}

/**
 * One browser logging in through our BFF: GET /auth/login → the provider's authorize (which approves at
 * once) → GET /auth/callback with the transaction cookie → GET /auth/session with the session cookie.
 * Answers the jar, which then holds the session cookie.
 */
export async function bffLoginFlow(http, bffUrl, provider) {
  const jar = new CookieJar();
  const choice = provider ? `provider=${provider}&` : '';
  const login = expect(
    await http.request(`${bffUrl}/auth/login?${choice}returnTo=/`, { jar }),
    [302, 303],
    'BFF /auth/login',
  );
  const authorizeUrl = location(login, `${bffUrl}/auth/login`);
  const authorize = expect(await http.request(authorizeUrl, { jar }), [302, 303], 'provider authorize');
  const callbackUrl = location(authorize, authorizeUrl);
  if (!callbackUrl.searchParams.has('code'))
    throw new Error(`provider redirect has no code: ${callbackUrl.href}`);
  const callback = expect(await http.request(callbackUrl, { jar }), [302, 303], 'BFF /auth/callback');
  const back = location(callback, callbackUrl);
  if (back.pathname.startsWith('/auth/error') || back.searchParams.has('error')) {
    throw new Error(`BFF callback failed: ${back.href}`);
  }
  const session = expect(
    await http.request(`${bffUrl}/auth/session`, { jar, headers: { 'x-csrf': '1' } }),
    [200],
    'BFF /auth/session',
  );
  if (!JSON.parse(session.body).authenticated)
    throw new Error(`not authenticated after login: ${session.body}`);
  return jar;
}

/**
 * One browser logging in through the official-example peer: GET /api/auth-url → GET the authorization URL
 * (MockPass approves at once) → GET /api/callback with the session cookie → GET /api/userinfo.
 */
export async function officialExampleFlow(http, peerUrl) {
  const jar = new CookieJar();
  const authUrl = expect(await http.request(`${peerUrl}/api/auth-url`, { jar }), [200], 'peer /api/auth-url');
  const authorizeUrl = new URL(JSON.parse(authUrl.body).url);
  const authorize = expect(await http.request(authorizeUrl, { jar }), [302, 303], 'provider authorize');
  const callbackUrl = location(authorize, authorizeUrl);
  const callback = expect(await http.request(callbackUrl, { jar }), [302, 303], 'peer /api/callback');
  const back = location(callback, callbackUrl);
  if (back.pathname === '/error') throw new Error('peer callback failed (state mismatch)');
  const userinfo = expect(
    await http.request(`${peerUrl}/api/userinfo`, { jar }),
    [200],
    'peer /api/userinfo',
  );
  if (!JSON.parse(userinfo.body).sub) throw new Error(`no sub in userinfo: ${userinfo.body}`);
  return jar;
}

const b64url = (buf) => buf.toString('base64url');

/**
 * A relying party talking to a provider directly, as the sgID SDK does: authorize with a fresh PKCE pair,
 * state and nonce (the provider approves at once) → POST /v2/oauth/token (client_secret_post +
 * code_verifier) → GET /v2/oauth/userinfo with the access token. The driver checks the shape of the
 * answers but decrypts nothing, so that the provider's CPU is what the load measures.
 */
export async function providerFlow(http, { providerUrl, client, redirectUri, scope }) {
  const codeVerifier = b64url(randomBytes(32));
  const codeChallenge = b64url(createHash('sha256').update(codeVerifier).digest());
  const state = b64url(randomBytes(16));
  const nonce = b64url(randomBytes(16));
  const query = new URLSearchParams({
    client_id: client.id,
    scope,
    response_type: 'code',
    redirect_uri: redirectUri,
    nonce,
    state,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
  });
  const authorizeUrl = new URL(`${providerUrl}/v2/oauth/authorize?${query}`);
  const authorize = expect(await http.request(authorizeUrl), [302, 303], 'provider authorize');
  const back = location(authorize, authorizeUrl);
  const code = back.searchParams.get('code');
  if (!code || back.searchParams.get('state') !== state)
    throw new Error(`bad authorize redirect: ${back.href}`);
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    code_verifier: codeVerifier,
    client_id: client.id,
    client_secret: client.secret,
  }).toString();
  const token = expect(
    await http.request(`${providerUrl}/v2/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form,
    }),
    [200],
    'provider token',
  );
  const { access_token: accessToken, id_token: idToken } = JSON.parse(token.body);
  if (!accessToken || !idToken) throw new Error(`token response without tokens: ${token.body.slice(0, 200)}`);
  const userinfo = expect(
    await http.request(`${providerUrl}/v2/oauth/userinfo`, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
    }),
    [200],
    'provider userinfo',
  );
  const info = JSON.parse(userinfo.body);
  if (!info.sub || !info.key || !info.data)
    throw new Error(`userinfo without sub/key/data: ${userinfo.body}`);
}

/**
 * Run `flow()` at a fixed concurrency until `maxFlows` flows have started or `maxMs` has passed (whichever is
 * first); a flow in progress at the deadline is allowed to finish. Answers throughput and latency.
 * @param {{ flow: () => Promise<unknown>, concurrency: number, maxFlows: number, maxMs: number, maxErrors?: number }} options
 */
export async function runFlows({ flow, concurrency, maxFlows, maxMs, maxErrors = 20 }) {
  const latencies = [];
  let started = 0;
  let errors = 0;
  let firstError;
  const t0 = performance.now();
  const deadline = t0 + maxMs;
  async function worker() {
    while (started < maxFlows && performance.now() < deadline && errors < maxErrors) {
      started += 1;
      const s = performance.now();
      try {
        await flow();
        latencies.push(performance.now() - s);
      } catch (error) {
        errors += 1;
        firstError ??= error;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - t0;
  return {
    concurrency,
    flows: latencies.length,
    errors,
    firstError: firstError ? String(firstError.message ?? firstError) : undefined,
    elapsedMs,
    flowsPerSec: (latencies.length * 1000) / elapsedMs,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}
