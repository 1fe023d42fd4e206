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
  it('with maxEntries, drops expired entries first and then the oldest live ones', () => {
    let now = 0;
    const map = createExpiringMap<number>(() => now, 3);
    map.set('expiring', 0, 10);
    map.set('old', 1, 1000);
    map.set('older-than-new', 2, 1000);
    now = 20;
    map.set('new', 3, 1000);
    expect(map.size).toBe(3);
    expect(map.get('old')).toBe(1);
    map.set('newest', 4, 1000);
    expect(map.size).toBe(3);
    expect(map.get('old')).toBeUndefined();
    expect(map.get('newest')).toBe(4);
  });
  it('with maxEntries, overwriting a key of a full map drops nothing', () => {
    const map = createExpiringMap<number>(() => 0, 2);
    map.set('a', 1, 100);
    map.set('b', 2, 100);
    map.set('a', 3, 100);
    expect([map.get('a'), map.get('b')]).toEqual([3, 2]);
  });
});
