import type { AuthenticatedSession } from '@sgid-bff/protocol';
import { describe, expect, it } from 'vitest';
import { encodeSessionPayload, renderSessionJson } from './session-json';

describe('session JSON', () => {
  it('renders a SessionResponse from the stored payload', () => {
    const payload = encodeSessionPayload(
      {
        provider: 'sgid',
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
      provider: 'sgid',
      sub: 's1',
      data: { 'myinfo.name': 'TAN "HENG" HUAT' },
      unknownData: { 'x.new': 'v' },
      scopes: ['openid'],
      loginAt: '1970-01-01T00:00:00.000Z',
      expiresAt: '1970-01-01T00:00:02.000Z',
      idleExpiresAt: '1970-01-01T00:00:01.000Z',
    });
  });

  it('renders a Singpass session per the protocol type, provider first, optional parts only when present', () => {
    const payload = encodeSessionPayload(
      {
        provider: 'singpass',
        sub: '9b3f1c2e-uuid',
        appType: 'login',
        scopes: ['openid', 'name'],
        user: { name: 'TAN HENG HUAT' },
        acr: 'urn:singpass:authentication:loa:2',
      },
      0,
      { device: 'Chrome on Android' },
    );
    expect(payload.startsWith('{"provider":"singpass",')).toBe(true);
    const session = JSON.parse(renderSessionJson(payload, 2000, 1000)) as AuthenticatedSession;
    expect(session).toEqual({
      authenticated: true,
      provider: 'singpass',
      sub: '9b3f1c2e-uuid',
      appType: 'login',
      scopes: ['openid', 'name'],
      user: { name: 'TAN HENG HUAT' },
      acr: 'urn:singpass:authentication:loa:2',
      loginAt: '1970-01-01T00:00:00.000Z',
      expiresAt: '1970-01-01T00:00:02.000Z',
      idleExpiresAt: '1970-01-01T00:00:01.000Z',
    });
  });

  it('a session stored before sessions named their provider reads as sgID', () => {
    const stored = '{"sub":"s1","data":{},"scopes":["openid"],"loginAt":"1970-01-01T00:00:00.000Z"}';
    const session = JSON.parse(renderSessionJson(stored, 2000, 1000)) as AuthenticatedSession;
    expect(session.provider).toBe('sgid');
  });
});
