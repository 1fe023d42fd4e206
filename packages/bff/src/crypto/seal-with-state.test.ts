import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openWithState, sealWithState } from './seal-with-state';
import { createToken } from './tokens';

describe('providerData sealed under the state', () => {
  const state = createToken(randomBytes);
  const data = { dpopKey: { kty: 'EC', d: 'secret' } };

  it('opens with the same state and context', () => {
    const sealed = sealWithState(data, state, 'singpass', randomBytes);
    expect(sealed).not.toContain('secret');
    expect(openWithState(sealed, state, 'singpass')).toEqual({ value: data });
  });

  it('does not open with another state, another context or a changed byte', () => {
    const sealed = sealWithState(data, state, 'singpass', randomBytes);
    expect(openWithState(sealed, createToken(randomBytes), 'singpass')).toBeUndefined();
    expect(openWithState(sealed, state, 'sgid')).toBeUndefined();
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[14] = (bytes[14] ?? 0) ^ 1;
    expect(openWithState(bytes.toString('base64url'), state, 'singpass')).toBeUndefined();
    expect(openWithState('short', state, 'singpass')).toBeUndefined();
  });
});
