import { describe, expect, it } from 'vitest';
import { compareTableKeys, readTable } from './doc-table';

const doc = (rows: string[]) =>
  ['# Title', '', '| code | status |', '|---|---|', ...rows, '', 'after'].join('\n');

describe('the docs test helper', () => {
  it('finds no drift when every key is listed once', () => {
    const rows = readTable(doc(['| `A` | 400 |', '| `B` | 500 |']), 'code');
    expect(compareTableKeys(rows, ['A', 'B'])).toEqual({ duplicated: [], missing: [], extra: [] });
  });

  it('reports a duplicated row', () => {
    const rows = readTable(doc(['| `A` | 400 |', '| `B` | 500 |', '| `A` | 401 |']), 'code');
    expect(compareTableKeys(rows, ['A', 'B']).duplicated).toEqual(['A']);
  });

  it('reports a missing row', () => {
    const rows = readTable(doc(['| `A` | 400 |']), 'code');
    expect(compareTableKeys(rows, ['A', 'B']).missing).toEqual(['B']);
  });

  it('reports an extra row', () => {
    const rows = readTable(doc(['| `A` | 400 |', '| `C` | 418 |']), 'code');
    expect(compareTableKeys(rows, ['A']).extra).toEqual(['C']);
  });

  it('reads no rows when the table is absent, so every key is missing', () => {
    expect(compareTableKeys(readTable('no table here', 'code'), ['A']).missing).toEqual(['A']);
  });
});
