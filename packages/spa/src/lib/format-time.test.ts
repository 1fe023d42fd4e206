import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTime } from './format-time';

describe('formatDateTime', () => {
  it('writes a date-time in Singapore English', () => {
    expect(formatDateTime('2025-11-27T07:45:00Z', 'Asia/Singapore')).toBe('27 Nov 2025, 3:45 pm');
    expect(formatTime('2025-11-27T07:45:00Z', 'Asia/Singapore')).toBe('3:45 pm');
    expect(formatDateTime('garbage')).toBe('garbage');
  });
});
