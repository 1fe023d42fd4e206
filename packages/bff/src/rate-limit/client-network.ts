/**
 * The "client network" that rate limits and connection bounds count against (SECURITY.md "Abuse and
 * faults": per IP, IPv6 grouped by prefix):
 * - an IPv4 address counts as itself;
 * - an IPv4-mapped IPv6 address (`::ffff:192.0.2.7`, what a dual-stack socket reports) counts as that
 *   IPv4 address, so one client cannot have two budgets;
 * - any other IPv6 address counts as its first `ipv6PrefixBits` bits (`RATE_LIMIT_IPV6_PREFIX`): one
 *   subscriber gets at least a /64 (RFC 6177), so per-address buckets would give it 2^64 budgets.
 * Anything that is not an IP address (e.g. a Unix socket's empty address) is answered as it came.
 */
import { isIPv4, isIPv6 } from 'node:net';

export function toClientNetwork(address: string, ipv6PrefixBits: number): string {
  if (isIPv4(address)) return address;
  const groups = parseIpv6(address);
  if (groups === undefined) return address;
  if (isIpv4Mapped(groups)) return formatIpv4(groups);
  return `${formatIpv6Prefix(groups, ipv6PrefixBits)}/${ipv6PrefixBits}`;
}

/** The eight 16-bit groups of an IPv6 address (a zone id is dropped), or undefined when it is not one. */
export function parseIpv6(address: string): number[] | undefined {
  const text = address.split('%')[0] ?? '';
  if (!isIPv6(text)) return undefined;
  const [head = '', tail] = text.split('::');
  const toGroups = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [Number.parseInt(group, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const left = toGroups(head);
  if (tail === undefined) return left;
  const right = toGroups(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function isIpv4Mapped(groups: number[]): boolean {
  return groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
}

function formatIpv4(groups: number[]): string {
  const [high = 0, low = 0] = groups.slice(6);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The address with every bit past the prefix cleared, in RFC 5952 form. */
function formatIpv6Prefix(groups: number[], bits: number): string {
  const masked = groups.map((group, i) => {
    const keep = Math.max(0, Math.min(16, bits - i * 16));
    return keep === 0 ? 0 : group & (0xffff << (16 - keep)) & 0xffff;
  });
  // RFC 5952: the longest run of two or more zero groups (the first of equals) becomes `::`.
  let best = { start: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && masked[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = masked.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}
