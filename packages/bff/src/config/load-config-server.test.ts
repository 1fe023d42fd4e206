import { describe, expect, it } from 'vitest';
import { loadConfig } from '.';
import { BASE_ENV, problemsOf } from './test-env';

/** Problems of the base environment with `env` on top. */
const problemsWith = (env: Record<string, string>) => problemsOf({ ...BASE_ENV, ...env });

describe('server limits configuration', () => {
  it('defaults to documented timeouts, a connection bound and /64 IPv6 grouping', () => {
    const config = loadConfig(BASE_ENV);
    expect(config.server).toEqual({
      headersTimeoutMs: 30_000,
      requestTimeoutMs: 60_000,
      keepAliveTimeoutMs: 72_000,
      connectionTimeoutMs: 120_000,
      maxConnectionsPerAddress: 100,
    });
    expect(config.rateLimit.ipv6PrefixBits).toBe(64);
  });

  it('refuses a headers timeout longer than the request timeout', () => {
    expect(problemsWith({ HEADERS_TIMEOUT: '61s' })).toEqual([
      'HEADERS_TIMEOUT: must not be longer than REQUEST_TIMEOUT',
    ]);
  });

  it('refuses a connection timeout that would cut off an upstream or sgID wait', () => {
    const problems = problemsWith({ CONNECTION_TIMEOUT: '10s', API_TIMEOUT: '30s' });
    expect(problems.some((p) => p.startsWith('CONNECTION_TIMEOUT: must be longer than API_TIMEOUT'))).toBe(
      true,
    );
    expect(problems.some((p) => p.includes('3 × SGID_TIMEOUT'))).toBe(true);
  });

  it.each([
    ['RATE_LIMIT_IPV6_PREFIX', '8'],
    ['RATE_LIMIT_IPV6_PREFIX', '129'],
    ['MAX_CONNECTIONS_PER_ADDRESS', '-1'],
    ['REQUEST_TIMEOUT', '10ms'],
  ])('refuses %s=%s', (name, value) => {
    expect(problemsWith({ [name]: value }).some((p) => p.startsWith(`${name}:`))).toBe(true);
  });
});
