/**
 * What this package promises about itself, kept by reading it:
 * - no server dependency: the source imports only jose, Node built-ins, itself, and `@sgid-bff/protocol`
 *   as types (never express or fastify, whose shapes are written structurally);
 * - the README's error table lists exactly the catalogue's codes with their statuses;
 * - built with shared chunks, the three entries share one `IdentityError` class, so an error the Express
 *   middleware hands to `onFailure` is `instanceof` the one from the main entry.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleNodeEntry } from '../../../scripts/lib/bundle.mjs';
import { IDENTITY_ERRORS } from '../src/errors';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const sources = readdirSync(path.join(ROOT, 'src'))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'test-support.ts')
  .map((file) => ({ file, text: readFileSync(path.join(ROOT, 'src', file), 'utf8') }));

describe('@sgid-bff/identity package rules', () => {
  it('the source imports jose, node built-ins and itself at run time, protocol only as types, no server framework', () => {
    const offenders = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/^(import|export)(\s+type)?[^;]*?from\s+'([^']+)'/gms)].flatMap((m) => {
        const [, , typeOnly, specifier = ''] = m;
        if (specifier.startsWith('./') || specifier === 'jose') return [];
        if (specifier.startsWith('node:') && typeOnly) return [];
        if (specifier === '@sgid-bff/protocol' && typeOnly) return [];
        return [`${file}: ${m[0].split('\n')[0]}`];
      }),
    );
    expect(sources.map((s) => s.file)).toContain('express.ts');
    expect(offenders).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@sgid-bff/protocol', 'jose']);
  });

  it('the README lists every error code with its status, and nothing else', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `(IDENTITY_[A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    expect(rows).toEqual(Object.entries(IDENTITY_ERRORS).map(([code, { status }]) => [code, status]));
  });

  it('built with shared chunks, the Express entry fails with the main entry’s IdentityError class', async () => {
    const outdir = path.join(ROOT, '.tmp', `built-${process.pid}`);
    mkdirSync(outdir, { recursive: true });
    try {
      await bundleNodeEntry({
        entryPoints: ['index', 'express'].map((e) => path.join(ROOT, 'src', `${e}.ts`)),
        outdir,
        splitting: true,
      });
      const main = (await import(
        pathToFileURL(path.join(outdir, 'index.js')).href
      )) as typeof import('../src/index');
      const mw = (await import(
        pathToFileURL(path.join(outdir, 'express.js')).href
      )) as typeof import('../src/express');
      let seen: unknown;
      const middleware = mw.requireIdentity(
        {
          jwksUrl: 'http://127.0.0.1:9/jwks',
          issuer: 'https://a.example',
          audience: 'https://a.example/api/x',
        },
        {
          onFailure: (error) => {
            seen = error;
          },
        },
      );
      const done = new Promise<void>((resolve) => {
        const res = { writeHead: () => ({ end: () => resolve() }) };
        middleware({ headers: {} } as never, res as never, () => resolve());
      });
      await done;
      expect(seen).toBeInstanceOf(main.IdentityError);
      expect(main.isIdentityError(seen)).toBe(true);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
