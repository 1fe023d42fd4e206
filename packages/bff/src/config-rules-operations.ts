/**
 * Cross-variable rules for the production features (proxy, operators, proxies in front):
 * - every claim a proxy route forwards must be a scope the BFF asks sgID for (`SGID_SCOPES`);
 * - under `NODE_ENV=production`, API routes need `PROXY_SIGNING_KEY` (a generated key differs per
 *   instance, so upstreams behind a load balancer would reject half the tokens), and `TRUST_PROXY=true`
 *   is refused (any client could choose its own address, and so its own rate limit);
 * - outside production the same conveniences are allowed with a loud warning.
 */
import type { ApiRoute } from './proxy/api-routes';
import type { Secret } from './secret';

interface OperationsInputs {
  NODE_ENV: string;
  SGID_SCOPES: string[];
  API_ROUTES: ApiRoute[];
  PROXY_SIGNING_KEY: Secret | undefined;
  TRUST_PROXY: boolean | string[];
}

export function checkOperationsRules(env: OperationsInputs): { refusals: string[]; warnings: string[] } {
  const refusals: string[] = [];
  for (const [i, route] of env.API_ROUTES.entries())
    for (const claim of route.claims)
      if (!env.SGID_SCOPES.includes(claim))
        refusals.push(`API_ROUTES: [${i}].claims: ${claim} is not in SGID_SCOPES, so no session has it`);

  const conveniences: Array<[string, string]> = [];
  if (env.API_ROUTES.length > 0 && env.PROXY_SIGNING_KEY === undefined)
    conveniences.push([
      'PROXY_SIGNING_KEY',
      'unset: identity tokens are signed with a key generated in DATA_DIR, different on every instance',
    ]);
  if (env.TRUST_PROXY === true)
    conveniences.push([
      'TRUST_PROXY',
      'true believes X-Forwarded-For from anyone; list your proxies instead',
    ]);
  if (env.NODE_ENV === 'production')
    return {
      refusals: [
        ...refusals,
        ...conveniences.map(([name, why]) => `${name}: not allowed in production (${why})`),
      ],
      warnings: [],
    };
  return { refusals, warnings: conveniences.map(([name, why]) => `${name}: development only — ${why}`) };
}
