/**
 * The SDK's codes come from the BFF's own list (`BFF_ERROR_CODES` in `@sgid-bff/protocol`). Most of what
 * this file proves is proved by the typecheck (`tsc -p tsconfig.json`, part of `npm test`): each
 * `@ts-expect-error` below fails the typecheck if the line it guards ever compiles, that is, if the SDK
 * accepts a code the BFF does not have.
 */
import { BFF_ERROR_CODES } from '@sgid-bff/protocol';
import { describe, expect, it } from 'vitest';
import { BffRequestError, type BffRequestErrorCode, isBffError, readErrorCode } from './errors';

describe('error codes, typed from the BFF catalogue', () => {
  it('the client fails to type-check when it names a code the BFF does not have', () => {
    const error: unknown = new BffRequestError('BFF_UNAUTHENTICATED', 'You are not logged in.', {
      status: 401,
    });
    // @ts-expect-error BFF_NOPE is not a code the BFF sends
    expect(isBffError(error, 'BFF_NOPE')).toBe(false);
    // @ts-expect-error BFF_SESSION_EXPIRED was never a code of the BFF's (the SDK used to handle it)
    expect(isBffError(error, 'BFF_UNAUTHENTICATED', 'BFF_SESSION_EXPIRED')).toBe(true);
    // @ts-expect-error nor can the SDK raise one
    expect(new BffRequestError('BFF_NOPE', 'no', { status: 400 }).code).toBe('BFF_NOPE');
    // @ts-expect-error nor can a code the BFF does not have be assigned where a code goes
    const bogus: BffRequestErrorCode = 'BFF_NOPE';
    expect(bogus).toBe('BFF_NOPE');
    if (isBffError(error, 'BFF_UNAUTHENTICATED', 'BFF_RATE_LIMITED')) {
      // Narrowed to the codes asked for.
      const narrowed: 'BFF_UNAUTHENTICATED' | 'BFF_RATE_LIMITED' = error.code;
      expect(narrowed).toBe('BFF_UNAUTHENTICATED');
    }
  });

  it('a code from a newer BFF still arrives verbatim, and no known-code handler matches it', () => {
    const code = readErrorCode('BFF_FROM_A_NEWER_BFF');
    const error = new BffRequestError(code, 'Something new.', { status: 400 });
    expect(error.code).toBe('BFF_FROM_A_NEWER_BFF');
    expect(isBffError(error)).toBe(true);
    expect(isBffError(error, ...BFF_ERROR_CODES)).toBe(false);
    for (const known of BFF_ERROR_CODES) expect(readErrorCode(known)).toBe(known);
  });
});
