import { EventEmitter } from 'node:events';
import type { Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createConnectionLimiter } from './limit-connections';

class FakeSocket extends EventEmitter {
  destroyed = false;
  constructor(readonly remoteAddress: string) {
    super();
  }
  destroy() {
    this.destroyed = true;
    this.emit('close');
  }
}

function setUp(trustProxy: boolean | string[] = false) {
  const server = new EventEmitter();
  let refused = 0;
  const limiter = createConnectionLimiter({
    maxPerAddress: 2,
    ipv6PrefixBits: 64,
    trustProxy,
    onRefused: () => refused++,
  });
  limiter.attach(server as unknown as Server);
  const open = (address: string) => {
    const socket = new FakeSocket(address);
    server.emit('connection', socket);
    return socket;
  };
  return { limiter, open, refused: () => refused };
}

describe('createConnectionLimiter', () => {
  it('destroys the connection over the bound and counts a closed one out', () => {
    const { limiter, open, refused } = setUp();
    const [a, b] = [open('192.0.2.1'), open('192.0.2.1')];
    expect(open('192.0.2.1').destroyed).toBe(true);
    expect(refused()).toBe(1);
    expect(open('192.0.2.2').destroyed).toBe(false);
    a.destroy();
    expect(open('192.0.2.1').destroyed).toBe(false);
    expect(b.destroyed).toBe(false);
    expect(limiter.open.get('192.0.2.1')).toBe(2);
  });

  it('counts an IPv6 /64 and IPv4-mapped addresses as one client', () => {
    const { open } = setUp();
    open('2001:db8::1');
    open('2001:db8::2');
    expect(open('2001:db8::ffff:1').destroyed).toBe(true);
    open('::ffff:192.0.2.9');
    open('192.0.2.9');
    expect(open('::ffff:192.0.2.9').destroyed).toBe(true);
  });

  it('exempts the proxies TRUST_PROXY lists, by address, range or name', () => {
    const { open } = setUp(['10.0.0.0/8', '192.0.2.7', 'loopback']);
    for (const address of ['10.1.2.3', '192.0.2.7', '127.0.0.1', '::1', '::ffff:10.9.9.9'])
      for (let i = 0; i < 5; i++) expect(open(address).destroyed, address).toBe(false);
    open('192.0.2.8');
    open('192.0.2.8');
    expect(open('192.0.2.8').destroyed).toBe(true);
  });
});
