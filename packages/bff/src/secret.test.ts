import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Secret } from './secret';

describe('Secret', () => {
  it('never prints its value', () => {
    const secret = new Secret('hunter2-hunter2');
    const printed = [
      String(secret),
      `${secret}`,
      JSON.stringify({ secret }),
      inspect({ secret }),
      inspect(secret),
    ];
    for (const text of printed) expect(text).not.toContain('hunter2');
    expect(secret.reveal()).toBe('hunter2-hunter2');
  });
});
