import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFaultState, FAULT_NAMES, parseFaultList } from './faults';

describe('faults', () => {
  it('match the names fixed in docs/contracts.md', () => {
    const contracts = readFileSync(
      fileURLToPath(new URL('../../../docs/contracts.md', import.meta.url)),
      'utf8',
    );
    const line = contracts.split('\n').findIndex((l) => l.includes('Fault names'));
    const section = contracts
      .split('\n')
      .slice(line, line + 5)
      .join(' ');
    const named = [...section.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
    expect(new Set(named)).toEqual(new Set(FAULT_NAMES));
  });
  it('parses a fault list and names every unknown fault', () => {
    expect(parseFaultList({ faults: ['slow-token', 'slow-token', 'wrong-aud'] })).toEqual([
      'slow-token',
      'wrong-aud',
    ]);
    expect(() => parseFaultList({ faults: ['slow-token', 'nope', 'bad'] })).toThrow(/"nope", "bad"/);
    expect(() => parseFaultList({})).toThrow(expect.objectContaining({ code: 'EMU_UNKNOWN_FAULT' }));
    expect(() => parseFaultList(null)).toThrow(expect.objectContaining({ code: 'EMU_UNKNOWN_FAULT' }));
  });
  it('keeps faults per client and replaces them at run time', () => {
    const state = createFaultState(new Map([['a', ['wrong-aud'] as const]]));
    expect(state.has('a', 'wrong-aud')).toBe(true);
    expect(state.has('b', 'wrong-aud')).toBe(false);
    state.set('a', ['slow-token']);
    expect(state.list('a')).toEqual(['slow-token']);
  });
});
