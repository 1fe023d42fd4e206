/**
 * `TRUST_PROXY`: whose `X-Forwarded-For` / `X-Forwarded-Proto` to believe (fastify's `trustProxy`).
 * `false` (default): none — the client address is the TCP peer. A comma-separated list of addresses or
 * CIDR ranges (`10.0.0.0/8,127.0.0.1`, or the names `loopback`, `linklocal`, `uniquelocal`): only hops
 * from those. `true` trusts every hop, which lets any client pick its own address (and so its own rate
 * limit): refused in production.
 */
import { isIP } from 'node:net';
import { type ParseResult, parsed, rejected } from '@sgid-bff/protocol';

/** fastify's `trustProxy`: false, true (development only) or the trusted proxies' addresses/ranges. */
export type TrustProxy = boolean | readonly string[];

const NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export function parseTrustProxy(text: string): ParseResult<boolean | string[]> {
  const value = text.trim();
  if (value === 'false' || value === '0') return parsed(false);
  if (value === 'true' || value === '1') return parsed(true);
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return rejected('expected false, true or a list of addresses/CIDR ranges');
  for (const entry of entries) {
    if (NAMES.has(entry)) continue;
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 4 ? 32 : 128;
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !bitsOk || rest.length > 0)
      return rejected(
        `${entry.slice(0, 60)} is not an IP address, CIDR range or one of ${[...NAMES].join(', ')}`,
      );
  }
  return parsed(entries);
}
