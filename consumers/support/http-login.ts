/**
 * A browser logging in over HTTP, with a cookie jar and no JavaScript: GET /auth/login → the provider's
 * authorize (the emulator runs with `--auto-approve`, so it answers with the redirect at once) →
 * GET /auth/callback → GET /auth/session. Every redirect is followed by hand, as a navigation.
 */
import { CookieJar } from '../../scripts/lib/cookie-jar.mjs';

export interface LoginResult {
  jar: CookieJar;
  /** Where the callback sent the browser back to. */
  landedOn: URL;
  session: { authenticated: boolean; provider?: string; sub?: string; data?: Record<string, unknown> };
}

async function navigate(jar: CookieJar, url: URL, init: RequestInit = {}): Promise<Response> {
  const method = init.method ?? 'GET';
  const cookie = jar.headerFor({ url, topLevelNavigation: true, method });
  const response = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    signal: AbortSignal.timeout(15_000),
  });
  jar.store(url, response.headers.getSetCookie());
  return response;
}

async function redirectFrom(jar: CookieJar, url: URL, what: string): Promise<URL> {
  const response = await navigate(jar, url);
  const location = response.headers.get('location');
  if (response.status < 300 || response.status > 399 || location === null)
    throw new Error(
      `${what}: expected a redirect, got ${response.status}: ${(await response.text()).slice(0, 300)}`,
    );
  return new URL(location, url);
}

export async function loginOverHttp(bffUrl: string, returnTo = '/'): Promise<LoginResult> {
  const jar = new CookieJar();
  const authorize = await redirectFrom(
    jar,
    new URL(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`, bffUrl),
    'BFF /auth/login',
  );
  const callback = await redirectFrom(jar, authorize, 'provider authorize');
  if (!callback.searchParams.has('code')) throw new Error(`the provider sent no code: ${callback.href}`);
  const landedOn = await redirectFrom(jar, callback, 'BFF /auth/callback');
  const sessionUrl = new URL('/auth/session', bffUrl);
  const cookie = jar.headerFor({ url: sessionUrl });
  const response = await fetch(sessionUrl, {
    headers: { 'x-csrf': '1', ...(cookie ? { cookie } : {}) },
    signal: AbortSignal.timeout(15_000),
  });
  if (response.status !== 200) throw new Error(`/auth/session answered ${response.status}`);
  return { jar, landedOn, session: (await response.json()) as LoginResult['session'] };
}
