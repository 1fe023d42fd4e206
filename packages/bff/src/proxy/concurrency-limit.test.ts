import { describe, expect, it } from 'vitest';
import { BffServerError } from '../errors';
import { createConcurrencyLimit } from './concurrency-limit';

describe('createConcurrencyLimit', () => {
  it('refuses the request over the bound with BFF_TOO_MANY_CONCURRENT, per key, until one is released', () => {
    const limit = createConcurrencyLimit(2);
    const first = limit.acquire('a');
    limit.acquire('a');
    expect(() => limit.acquire('a')).toThrow(BffServerError);
    expect(() => limit.acquire('a')).toThrow(expect.objectContaining({ code: 'BFF_TOO_MANY_CONCURRENT' }));
    expect(() => limit.acquire('b')).not.toThrow();
    first();
    first();
    expect(limit.inFlight('a')).toBe(1);
    expect(() => limit.acquire('a')).not.toThrow();
  });
});
