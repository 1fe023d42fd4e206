import { describe, expect, it } from 'vitest';
import { createLoginRequestStore } from './login-requests';

const params = {
  clientId: 'c',
  redirectUri: 'https://rp.example/cb',
  scopes: [],
  codeChallenge: 'x'.repeat(43),
  nonce: undefined,
  state: undefined,
};

describe('createLoginRequestStore', () => {
  it('creates requests with 256-bit ids that turn expired after their lifetime', () => {
    let now = 0;
    const store = createLoginRequestStore(() => now);
    const request = store.create(params, 1000);
    expect(Buffer.from(request.id, 'base64url')).toHaveLength(32);
    expect(store.statusOf(request)).toBe('pending');
    now = 1000;
    expect(store.statusOf(request)).toBe('expired');
    expect(store.find(request.id)).toBe(request);
  });
  it('keeps an answered request answered after the QR lifetime', () => {
    let now = 0;
    const store = createLoginRequestStore(() => now);
    const request = store.create(params, 1000);
    request.status = 'approved';
    now = 5000;
    expect(store.statusOf(request)).toBe('approved');
  });
  it('summarises recent logins newest first, without ids', () => {
    const store = createLoginRequestStore(() => 0);
    store.create(params, 1000);
    store.recordAutoApproved({ ...params, clientId: 'd' }, 'S9812381D');
    const recent = store.recent();
    expect(recent.map((r) => r.clientId)).toEqual(['d', 'c']);
    expect(JSON.stringify(recent)).not.toMatch(/"id"/);
  });
});
