import { BFF_ERROR_CODES } from '@sgid-bff/protocol';
import { describe, expect, it } from 'vitest';
import { BFF_ERRORS, BffServerError, isBffServerError, RateLimitedError } from './errors';

describe('the error catalogue', () => {
  it('describes exactly the codes the protocol package lists, each once', () => {
    expect(new Set(BFF_ERROR_CODES).size).toBe(BFF_ERROR_CODES.length);
    expect(Object.keys(BFF_ERRORS).sort()).toEqual([...BFF_ERROR_CODES].sort());
  });

  it('a rate-limit refusal is a catalogue error carrying when to come back', () => {
    const error = new RateLimitedError(42, 'login limit 30 per 60000 ms');
    expect(isBffServerError(error)).toBe(true);
    expect(error).toBeInstanceOf(BffServerError);
    expect(error).toMatchObject({ code: 'BFF_RATE_LIMITED', status: 429, retryAfterSeconds: 42 });
  });
});
