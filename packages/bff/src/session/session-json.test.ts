import type { AuthenticatedSession } from '@sgid-bff/protocol';
import { describe, expect, it } from 'vitest';
import { encodeSessionPayload, renderSessionJson } from './session-json';

describe('session JSON', () => {
  it('renders a SessionResponse from the stored payload', () => {
    const payload = encodeSessionPayload(
      {
        sub: 's1',
        data: { 'myinfo.name': 'TAN "HENG" HUAT' },
        unknownData: { 'x.new': 'v' },
        scopes: ['openid'],
      },
      0,
    );
    const session = JSON.parse(renderSessionJson(payload, 2000, 1000)) as AuthenticatedSession;
    expect(session).toEqual({
      authenticated: true,
      sub: 's1',
      data: { 'myinfo.name': 'TAN "HENG" HUAT' },
      unknownData: { 'x.new': 'v' },
      scopes: ['openid'],
      loginAt: '1970-01-01T00:00:00.000Z',
      expiresAt: '1970-01-01T00:00:02.000Z',
      idleExpiresAt: '1970-01-01T00:00:01.000Z',
    });
  });
});
