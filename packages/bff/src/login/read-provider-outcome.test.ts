import { describe, expect, it } from 'vitest';
import { outcomeOf, readProviderOutcome } from './read-provider-outcome';

describe('readProviderOutcome', () => {
  it.each([
    ['access_denied', 'The user declined the request', 'BFF_LOGIN_DECLINED'],
    ['access_denied', undefined, 'BFF_LOGIN_DECLINED'],
    ['access_denied', 'The QR code expired before the user answered', 'BFF_LOGIN_TIMED_OUT'],
    ['access_denied', 'login timed out', 'BFF_LOGIN_TIMED_OUT'],
    ['access_denied', 'The user cancelled the login', 'BFF_LOGIN_CANCELLED'],
    ['server_error', 'expired', 'BFF_PROVIDER_ERROR'],
    ['temporarily_unavailable', undefined, 'BFF_PROVIDER_ERROR'],
    ['invalid_scope', 'bad scope', 'BFF_PROVIDER_ERROR'],
  ] as const)('error=%s with description %j is %s', (error, description, code) => {
    expect(readProviderOutcome(error, description)).toBe(code);
  });

  it('each provider outcome has its own outcome word', () => {
    expect(
      ['BFF_LOGIN_DECLINED', 'BFF_LOGIN_TIMED_OUT', 'BFF_LOGIN_CANCELLED', 'BFF_PROVIDER_ERROR'].map((c) =>
        outcomeOf(c as Parameters<typeof outcomeOf>[0]),
      ),
    ).toEqual(['declined', 'expired', 'cancelled', 'failed']);
  });
});
