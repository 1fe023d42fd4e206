/**
 * The README's "Using it in your app" snippets are the consumer tests' files: each fenced block under a
 * `<!-- fixture: consumers/fixtures/<file> -->` marker equals that file, and every fixture a user would copy
 * is quoted somewhere. Edit the fixture (which the consumer tests run), then paste it into the README.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from '../../scripts/lib/workspace-packages.mjs';

/** Fixtures that are checks, not examples for users. */
const NOT_SNIPPETS = new Set(['types-are-real.ts']);

const fixturesDir = path.join(workspaceRoot, 'consumers', 'fixtures');
const readme = readFileSync(path.join(workspaceRoot, 'README.md'), 'utf8');
const MARKER = /<!-- fixture: consumers\/fixtures\/([^\s]+) -->\n```[a-z]*\n([\s\S]*?)\n```\n/g;
const quoted = [...readme.matchAll(MARKER)].map((m) => ({ file: m[1] ?? '', body: m[2] ?? '' }));

describe('the README snippets', () => {
  it('has fixture markers, each followed by a fenced block', () => {
    expect(quoted.length).toBeGreaterThan(0);
    expect(quoted.length).toBe((readme.match(/<!-- fixture: /g) ?? []).length);
  });

  it.each(quoted.map((q) => [q.file, q] as const))(
    'the block quoting %s is that file',
    (_file, { file, body }) => {
      expect(body).toBe(readFileSync(path.join(fixturesDir, file), 'utf8').replace(/\n$/, ''));
    },
  );

  it('quotes every fixture a user would copy', () => {
    const fixtures = readdirSync(fixturesDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(fixturesDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .filter((f) => !NOT_SNIPPETS.has(f));
    expect(fixtures.filter((f) => !quoted.some((q) => q.file === f))).toEqual([]);
  });
});
