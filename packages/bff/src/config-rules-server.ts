/**
 * Cross-variable rules for the server's own limits (http/server-limits.ts):
 * - `HEADERS_TIMEOUT` must not be longer than `REQUEST_TIMEOUT` (the headers are part of the request;
 *   Node refuses the opposite);
 * - `CONNECTION_TIMEOUT` must be longer than the longest quiet wait a request may have on purpose: an
 *   upstream's answer (`API_TIMEOUT`, each route's `timeout`) and the callback's calls to sgID (token,
 *   userinfo and JWKS in a row, each up to `SGID_TIMEOUT`); otherwise such requests would be cut off.
 */
import type { ApiRoute } from './proxy/api-routes';

interface ServerLimitInputs {
  HEADERS_TIMEOUT: number;
  REQUEST_TIMEOUT: number;
  CONNECTION_TIMEOUT: number;
  API_TIMEOUT: number;
  API_ROUTES: ApiRoute[];
  SGID_TIMEOUT: number;
}

export function checkServerLimitRules(env: ServerLimitInputs): string[] {
  const problems: string[] = [];
  if (env.HEADERS_TIMEOUT > env.REQUEST_TIMEOUT)
    problems.push('HEADERS_TIMEOUT: must not be longer than REQUEST_TIMEOUT');
  const waits: Array<[string, number]> = [
    ['API_TIMEOUT', env.API_TIMEOUT],
    ['3 × SGID_TIMEOUT', 3 * env.SGID_TIMEOUT],
    ...env.API_ROUTES.map((r): [string, number] => [
      `the timeout of API route ${r.prefix}`,
      r.timeoutMs ?? 0,
    ]),
  ];
  for (const [name, ms] of waits)
    if (env.CONNECTION_TIMEOUT <= ms)
      problems.push(
        `CONNECTION_TIMEOUT: must be longer than ${name} (${ms} ms), or such requests are cut off`,
      );
  return problems;
}
