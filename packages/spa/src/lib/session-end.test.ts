import { describe, expect, it } from 'vitest';
import { describeSessionEnd } from './session-end';

describe('describeSessionEnd', () => {
  it('a session ended on another device or by an administrator says so', () => {
    const message = describeSessionEnd({
      type: 'ended',
      reason: 'ended-elsewhere',
      code: null,
      source: 'this-tab',
    });
    expect(message.title).toBe('You were signed out');
    expect(message.body).toContain('You were signed out (on another device or by an administrator)');
  });

  it('a timeout and an end in another tab keep their own words', () => {
    expect(
      describeSessionEnd({ type: 'ended', reason: 'expired', code: null, source: 'this-tab' }).body,
    ).toContain('timed out');
    expect(
      describeSessionEnd({ type: 'ended', reason: 'expired', code: null, source: 'other-tab' }).body,
    ).toContain('another tab');
  });
});
