/**
 * Cross-variable configuration rules:
 * - the redirect URI must be this BFF's own `/auth/callback` (the transaction cookie is only sent there);
 * - under `NODE_ENV=production`, development conveniences are refused: plain-http `PUBLIC_URL` other than
 *   localhost, `SGID_COMPAT=mockpass`, the memory store, a plain-http sgID host;
 * - outside production the same conveniences are allowed with a loud warning.
 */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function checkRedirectUri(redirectUri: string, publicUrl: URL): string[] {
  const url = new URL(redirectUri);
  const problems: string[] = [];
  if (url.origin !== publicUrl.origin)
    problems.push(`SGID_REDIRECT_URI: must be on PUBLIC_URL's origin ${publicUrl.origin}, got ${url.origin}`);
  if (url.pathname !== '/auth/callback' || url.search || url.hash)
    problems.push('SGID_REDIRECT_URI: must be <PUBLIC_URL>/auth/callback, the BFF callback route');
  return problems;
}

interface ProductionInputs {
  NODE_ENV: string;
  PUBLIC_URL: URL;
  SGID_COMPAT: string;
  SESSION_STORE: string;
  SGID_HOSTNAME: string;
}

export function checkProductionRules(env: ProductionInputs): { refusals: string[]; warnings: string[] } {
  const conveniences: Array<[string, string]> = [];
  if (env.PUBLIC_URL.protocol === 'http:' && !LOOPBACK.has(env.PUBLIC_URL.hostname))
    conveniences.push([
      'PUBLIC_URL',
      'plain http on a non-local host: browsers drop Secure __Host- cookies there, so logins will not stick',
    ]);
  if (env.SGID_COMPAT === 'mockpass')
    conveniences.push(['SGID_COMPAT', 'mockpass accepts MockPass JWE algorithms that real sgID never uses']);
  if (env.SESSION_STORE === 'memory')
    conveniences.push(['SESSION_STORE', 'memory loses every session on restart and is not shared']);
  if (new URL(env.SGID_HOSTNAME).protocol === 'http:')
    conveniences.push(['SGID_HOSTNAME', 'plain http to the provider is for local emulators only']);
  if (env.NODE_ENV === 'production')
    return {
      refusals: conveniences.map(([name, why]) => `${name}: not allowed in production (${why})`),
      warnings: [],
    };
  return { refusals: [], warnings: conveniences.map(([name, why]) => `${name}: development only — ${why}`) };
}
