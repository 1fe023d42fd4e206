import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_PROBLEM_CODES, ENV_DEFAULTS } from '../src/config';
import { BFF_ERRORS } from '../src/errors';
import { compareTableKeys, readTable, unquote } from './support/doc-table';

const readDoc = (name: string) => readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8');

describe('docs stay in step with the code', () => {
  it('every test docs/threat-model.md names exists in the file it names', () => {
    const rows = readDoc('threat-model.md')
      .split('\n')
      .filter(
        (line) => (line.startsWith('| ') && line.includes('.test.ts')) || line.includes('store-contract.ts'),
      );
    let checked = 0;
    for (const row of rows) {
      const cell = row.split(' | ').at(-1) ?? '';
      // Each reference: `path` › *name*, *name* …; parenthesised notes are not test names.
      for (const ref of cell.split(/;\s*/)) {
        const file =
          /`((?:\.\.\/\.\.\/emulator\/test\/)?(?:security|store|interop|cli|proxy|fuzz|faults|scale-out|observability)\/[^`]+|\.\.\/\.\.\/identity\/(?:test|src)\/[^`]+)`/.exec(
            ref,
          )?.[1];
        if (!file) continue;
        const source = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
        for (const [, name = ''] of ref.matchAll(/\*([^*]+)\*/g)) {
          const plain = name.replace(/ … .*$/, '').replaceAll('\\', '');
          expect(source, `${file} › ${plain}`).toContain(plain.split(' … ')[0]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('docs/errors.md lists every error code with its status, and nothing else', () => {
    const rows = readTable(readDoc('errors.md'), 'code');
    expect(compareTableKeys(rows, Object.keys(BFF_ERRORS))).toEqual({
      duplicated: [],
      missing: [],
      extra: [],
    });
    const documented = Object.fromEntries(
      rows.map(([code = '', status = '']) => [unquote(code), Number(status)]),
    );
    const catalogue = Object.fromEntries(Object.entries(BFF_ERRORS).map(([code, def]) => [code, def.status]));
    expect(documented).toEqual(catalogue);
  });

  it('docs/configuration.md lists every variable with its default, and nothing else', () => {
    const rows = readTable(readDoc('configuration.md'), 'variable');
    expect(compareTableKeys(rows, Object.keys(ENV_DEFAULTS))).toEqual({
      duplicated: [],
      missing: [],
      extra: [],
    });
    const documented = Object.fromEntries(rows.map(([name = '', value = '']) => [unquote(name), value]));
    expect(Object.keys(documented).sort()).toEqual(Object.keys(ENV_DEFAULTS).sort());
    for (const [name, value] of Object.entries(ENV_DEFAULTS)) {
      if (value === undefined) expect(documented[name], name).toMatch(/^(\(|`\$\{)/);
      else expect(documented[name], name).toBe(`\`${value}\``);
    }
  });

  it('docs/configuration.md lists every configuration problem code, and nothing else', () => {
    const rows = readTable(readDoc('configuration.md'), 'code');
    expect(compareTableKeys(rows, Object.keys(CONFIG_PROBLEM_CODES))).toEqual({
      duplicated: [],
      missing: [],
      extra: [],
    });
  });
});
