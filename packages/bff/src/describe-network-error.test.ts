import { describe, expect, it } from 'vitest';
import { describeNetworkError, redactUrl } from './describe-network-error';

/** What Node's fetch throws: a TypeError "fetch failed" whose cause carries the system error. */
function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}
const systemError = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('describeNetworkError', () => {
  it('unwraps "fetch failed" to the system error code, in plain words', () => {
    expect(describeNetworkError(fetchFailed(systemError('ECONNREFUSED')))).toMatch(/^connection refused/);
    expect(describeNetworkError(fetchFailed(systemError('ENOTFOUND')))).toMatch(/^host not found/);
    expect(describeNetworkError(fetchFailed(systemError('CERT_HAS_EXPIRED')))).toMatch(/^TLS: .*expired/);
    expect(describeNetworkError(fetchFailed(systemError('ERR_TLS_CERT_ALTNAME_INVALID')))).toMatch(
      /^TLS: .*another host name/,
    );
  });

  it('looks inside an AggregateError (one error per address tried)', () => {
    const aggregate = new AggregateError([systemError('ECONNREFUSED'), systemError('ECONNREFUSED')]);
    expect(describeNetworkError(fetchFailed(aggregate))).toMatch(/^connection refused/);
  });

  it('names the deadline of a timeout', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(describeNetworkError(timeout, { timeoutMs: 5000 })).toBe('no answer within 5 s');
    expect(describeNetworkError(timeout, { timeoutMs: 250 })).toBe('no answer within 250 ms');
  });

  it('falls back on an unknown code, then on the deepest message', () => {
    expect(describeNetworkError(fetchFailed(systemError('EWHATEVER')))).toBe('failed (EWHATEVER)');
    expect(describeNetworkError(fetchFailed(new Error('bad port')))).toBe('bad port');
    expect(describeNetworkError('odd')).toBe('odd');
  });
});

describe('redactUrl', () => {
  it('hides a password and keeps the rest', () => {
    expect(redactUrl('redis://user:secret@cache:6380/2')).toBe('redis://user:***@cache:6380/2');
    expect(redactUrl('redis://:secret@cache:6379')).toBe('redis://:***@cache:6379');
    expect(redactUrl('redis://127.0.0.1:1')).toBe('redis://127.0.0.1:1');
    expect(redactUrl('https://api.id.gov.sg/v2/.well-known/jwks.json')).toBe(
      'https://api.id.gov.sg/v2/.well-known/jwks.json',
    );
  });
});
