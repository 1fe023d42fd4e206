import { describe, expect, it } from 'vitest';
import { parseIpv6, toClientNetwork } from './client-network';

describe('toClientNetwork', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(toClientNetwork('198.51.100.7', 64)).toBe('198.51.100.7');
  });

  it('counts an IPv4-mapped IPv6 address as the IPv4 address', () => {
    expect(toClientNetwork('::ffff:198.51.100.7', 64)).toBe('198.51.100.7');
    expect(toClientNetwork('::FFFF:c633:6407', 64)).toBe('198.51.100.7');
    expect(toClientNetwork('0:0:0:0:0:ffff:198.51.100.7', 56)).toBe('198.51.100.7');
  });

  it('groups IPv6 addresses of one /64 together and apart from the next /64', () => {
    const a = toClientNetwork('2001:db8:1:2::1', 64);
    expect(a).toBe('2001:db8:1:2::/64');
    expect(toClientNetwork('2001:0db8:0001:0002:ffff:eeee:dddd:cccc', 64)).toBe(a);
    expect(toClientNetwork('2001:db8:1:3::1', 64)).not.toBe(a);
  });

  it('groups by the configured prefix, including one that splits a group', () => {
    expect(toClientNetwork('2001:db8:1:2ff::1', 56)).toBe('2001:db8:1:200::/56');
    expect(toClientNetwork('2001:db8:1:2ff::1', 56)).toBe(toClientNetwork('2001:db8:1:200::9', 56));
    expect(toClientNetwork('2001:db8:1:3ff::1', 56)).not.toBe(toClientNetwork('2001:db8:1:2ff::1', 56));
    expect(toClientNetwork('2001:db8::1', 128)).toBe('2001:db8::1/128');
    expect(toClientNetwork('2001:db8:aaaa::1', 32)).toBe('2001:db8::/32');
  });

  it('drops a zone id and leaves anything that is not an address alone', () => {
    expect(toClientNetwork('fe80::1%eth0', 64)).toBe('fe80::/64');
    expect(toClientNetwork('', 64)).toBe('');
    expect(toClientNetwork('not-an-ip', 64)).toBe('not-an-ip');
  });

  it('parses every IPv6 spelling into eight groups', () => {
    expect(parseIpv6('::')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIpv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIpv6('1::')).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseIpv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(parseIpv6('1.2.3.4')).toBeUndefined();
  });
});
