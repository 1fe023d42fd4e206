import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EmulatorError, ERROR_CODES, toEmulatorError } from './errors';

const docs = readFileSync(fileURLToPath(new URL('../../../docs/emulator.md', import.meta.url)), 'utf8');

describe('error catalogue', () => {
  it('uses EMU_ codes in UPPER_SNAKE', () => {
    for (const code of Object.keys(ERROR_CODES)) expect(code).toMatch(/^EMU_[A-Z_]+$/);
  });
  it('is listed in docs/emulator.md, code by code, with the same status', () => {
    for (const [code, definition] of Object.entries(ERROR_CODES)) {
      expect(docs, code).toMatch(new RegExp(`\\| \`${code}\` \\| ${definition.status} \\|`));
    }
    const documented = [...docs.matchAll(/\| `(EMU_[A-Z_]+)` \|/g)].map((m) => m[1]);
    expect(new Set(documented)).toEqual(new Set(Object.keys(ERROR_CODES)));
  });
  it('keeps the cause and a safe description', () => {
    const cause = new Error('private detail');
    const error = new EmulatorError('EMU_INVALID_GRANT', { description: 'the code is invalid', cause });
    expect(error.cause).toBe(cause);
    expect(error.description).toBe('the code is invalid');
    expect(error.oauthError).toBe('invalid_grant');
    expect(error.status).toBe(400);
  });

  it('maps framework 4xx errors to EMU_INVALID_REQUEST and hides everything else behind EMU_INTERNAL', () => {
    const own = new EmulatorError('EMU_INVALID_SCOPE');
    expect(toEmulatorError(own)).toBe(own);
    expect(toEmulatorError(Object.assign(new Error('x'), { statusCode: 415 })).code).toBe(
      'EMU_INVALID_REQUEST',
    );
    const hidden = toEmulatorError(new Error('database password is hunter2'));
    expect(hidden.code).toBe('EMU_INTERNAL');
    expect(hidden.description).not.toContain('hunter2');
    expect(toEmulatorError(null).code).toBe('EMU_INTERNAL');
  });
});
