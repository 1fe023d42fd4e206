import { describe, expect, it } from 'vitest';
import { BffServerError } from '../errors';
import { mapUpstreamError } from './map-upstream-error';

const call = { prefix: '/api/demo', timeoutMs: 1000, body: undefined, deadlinePassed: false };
const bodyThat = (state: { failure?: BffServerError; awaitsBrowser?: boolean }) => ({
  failure: () => state.failure,
  awaitsBrowser: () => state.awaitsBrowser ?? false,
});
const undiciError = (code: string) => Object.assign(new Error(code), { code });

describe('mapUpstreamError', () => {
  it('a body that broke its rule answers that rule, whatever undici then reported', () => {
    const broken = new BffServerError('BFF_PAYLOAD_TOO_LARGE');
    const failure = mapUpstreamError(undiciError('UND_ERR_ABORTED'), {
      ...call,
      body: bodyThat({ failure: broken }),
      deadlinePassed: true,
    });
    expect(failure).toEqual({ error: broken, counted: true });
  });

  it('past the deadline while the upstream waits for the browser is 408, not the upstream timing out', () => {
    const { error } = mapUpstreamError(new Error('aborted'), {
      ...call,
      body: bodyThat({ awaitsBrowser: true }),
      deadlinePassed: true,
    });
    expect([error.code, error.status]).toEqual(['BFF_REQUEST_BODY_TIMEOUT', 408]);
  });

  it('past the deadline otherwise is 504 BFF_UPSTREAM_TIMEOUT', () => {
    const { error } = mapUpstreamError(new Error('aborted'), { ...call, deadlinePassed: true });
    expect([error.code, error.status]).toEqual(['BFF_UPSTREAM_TIMEOUT', 504]);
  });

  it("undici's connect and headers timeouts are 504 and keep their cause", () => {
    for (const code of ['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']) {
      const cause = undiciError(code);
      const { error, counted } = mapUpstreamError(cause, call);
      expect([error.code, error.cause, counted]).toEqual(['BFF_UPSTREAM_TIMEOUT', cause, true]);
    }
  });

  it('a refused or broken connection is 502 BFF_UPSTREAM_UNAVAILABLE with its cause', () => {
    const cause = undiciError('ECONNREFUSED');
    const { error, counted } = mapUpstreamError(cause, call);
    expect([error.code, error.status, error.cause, counted]).toEqual([
      'BFF_UPSTREAM_UNAVAILABLE',
      502,
      cause,
      true,
    ]);
  });

  it("a refusal the BFF raised itself passes unchanged and is not counted as the call's outcome", () => {
    const own = new BffServerError('BFF_BODY_NOT_ALLOWED');
    expect(mapUpstreamError(own, call)).toEqual({ error: own, counted: false });
  });
});
