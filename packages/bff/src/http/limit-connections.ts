/**
 * Bound on open connections per client network (`MAX_CONNECTIONS_PER_ADDRESS`; SECURITY.md "bounded
 * connections per address"), so one anonymous client cannot hold every socket the process can open:
 * - counted per TCP peer address, grouped as the rate limits group it (IPv4, IPv4-mapped as IPv4, IPv6 by
 *   `RATE_LIMIT_IPV6_PREFIX`; rate-limit/client-network.ts);
 * - a connection over the bound is destroyed at once, before a byte is read;
 * - the proxies `TRUST_PROXY` lists are exempt: every client behind them shares their address, and they
 *   bound their own clients (e.g. nginx `limit_conn`). `TRUST_PROXY=true` (development) exempts all.
 */
import { BlockList, isIPv4, type Server, type Socket } from 'node:net';
import type { TrustProxy } from '../config';
import { toClientNetwork } from '../rate-limit/client-network';

export interface ConnectionLimiter {
  /** Count and bound the connections of a server; call once per server. */
  attach(server: Server): void;
  /** Open connections per client network right now (for tests and diagnostics). */
  readonly open: ReadonlyMap<string, number>;
}

export interface ConnectionLimiterOptions {
  /** 0: no bound. */
  maxPerAddress: number;
  ipv6PrefixBits: number;
  trustProxy: TrustProxy;
  onRefused?: () => void;
}

export function createConnectionLimiter(options: ConnectionLimiterOptions): ConnectionLimiter {
  const open = new Map<string, number>();
  const isExempt = createExemption(options.trustProxy);
  const onConnection = (socket: Socket) => {
    const address = socket.remoteAddress;
    if (address === undefined || isExempt(address)) return;
    const key = toClientNetwork(address, options.ipv6PrefixBits);
    const count = open.get(key) ?? 0;
    if (count >= options.maxPerAddress) {
      options.onRefused?.();
      socket.destroy();
      return;
    }
    open.set(key, count + 1);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left === 0) open.delete(key);
      else open.set(key, left);
    });
  };
  return {
    open,
    attach(server) {
      if (options.maxPerAddress > 0) server.on('connection', onConnection);
    },
  };
}

/** The names `TRUST_PROXY` accepts (as proxy-addr reads them), as address ranges. */
const NAMED_RANGES: Record<string, Array<[string, number]>> = {
  loopback: [
    ['127.0.0.1', 8],
    ['::1', 128],
  ],
  linklocal: [
    ['169.254.0.0', 16],
    ['fe80::', 10],
  ],
  uniquelocal: [
    ['10.0.0.0', 8],
    ['172.16.0.0', 12],
    ['192.168.0.0', 16],
    ['fc00::', 7],
  ],
};

function createExemption(trustProxy: TrustProxy): (address: string) => boolean {
  if (trustProxy === true) return () => true;
  if (trustProxy === false || trustProxy.length === 0) return () => false;
  const list = new BlockList();
  const family = (a: string) => (isIPv4(a) ? 'ipv4' : 'ipv6');
  for (const entry of trustProxy) {
    const ranges: Array<[string, number | undefined]> = NAMED_RANGES[entry] ?? [
      [entry.split('/')[0] ?? '', entry.includes('/') ? Number(entry.split('/')[1]) : undefined],
    ];
    for (const [address, bits] of ranges)
      if (bits === undefined) list.addAddress(address, family(address));
      else list.addSubnet(address, bits, family(address));
  }
  return (address) => {
    const plain = toClientNetwork(address, 128).replace(/\/128$/, '');
    return list.check(plain, family(plain));
  };
}
