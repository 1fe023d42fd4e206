import { describe, expect, it } from 'vitest';
import { createExpiringMap } from './expiring-map';

describe('createExpiringMap', () => {
  it('reads entries until their expiry, then not', () => {
    let now = 0;
    const map = createExpiringMap<string>(() => now);
    map.set('a', 'A', 100);
    now = 99;
    expect(map.get('a')).toBe('A');
    now = 100;
    expect(map.get('a')).toBeUndefined();
  });
  it('sweeps expired entries on a later write, keeping memory bounded', () => {
    let now = 0;
    const map = createExpiringMap<number>(() => now);
    for (let i = 0; i < 100; i++) map.set(`k${i}`, i, 1000);
    now = 20_000;
    map.set('fresh', 1, 30_000);
    expect(map.size).toBe(1);
  });
});
