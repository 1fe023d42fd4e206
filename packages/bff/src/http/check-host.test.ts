import { describe, expect, it } from 'vitest';
import { hasDuplicateHost } from './check-host';

describe('hasDuplicateHost', () => {
  it('finds a second Host in any case and nothing else', () => {
    expect(hasDuplicateHost(['Host', 'a', 'Accept', '*/*'])).toBe(false);
    expect(hasDuplicateHost(['Host', 'a', 'host', 'b'])).toBe(true);
    expect(hasDuplicateHost(['HOST', 'a', 'X-Host', 'b', 'Hosts', 'c'])).toBe(false);
    expect(hasDuplicateHost([])).toBe(false);
  });
});
