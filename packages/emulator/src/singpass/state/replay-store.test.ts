import { describe, expect, it } from 'vitest';
import { createReplayStore } from './replay-store';

describe('replay store', () => {
  it('rejects an identifier seen before its expiry and accepts it after', () => {
    let now = 1000;
    const store = createReplayStore(() => now);
    expect(store.remember('a', 2000)).toBe(true);
    expect(store.remember('a', 2000)).toBe(false);
    now = 2000;
    expect(store.remember('a', 3000)).toBe(true);
  });
  it('stays within its size bound under a flood of fresh identifiers', () => {
    const store = createReplayStore(() => 0, 100);
    for (let i = 0; i < 1000; i++) store.remember(`id-${i}`, 10_000);
    expect(store.size).toBeLessThanOrEqual(100);
  });
});
