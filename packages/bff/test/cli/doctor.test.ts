import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/cli/doctor';
import { createTestEnv, createTestWorld, type TestWorld } from '../support/test-bff';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

/** The provider's answers with a `Date` header `offsetMs` away from the doctor's clock. */
function fetchWithDate(offsetMs: number): typeof fetch {
  return async (input, init) => {
    const response = await world.internet.fetch(input, init);
    const headers = new Headers(response.headers);
    headers.set('date', new Date(Date.now() + offsetMs).toUTCString());
    return new Response(await response.arrayBuffer(), { status: response.status, headers });
  };
}

async function doctor(env: Record<string, string>, fetchImpl: typeof fetch = fetchWithDate(0)) {
  const lines: string[] = [];
  const code = await runDoctor(createTestEnv(env), { fetch: fetchImpl, write: (l) => lines.push(l) });
  return { code, text: lines.join('\n') };
}

describe('sgid-bff doctor', () => {
  it('passes a healthy development setup with a ✔ per check', async () => {
    const { code, text } = await doctor({});
    expect(text).toContain('✔ private key — RSA private key, 2048 bits');
    expect(text).toContain('✔ redirect URI');
    expect(text).toContain('✔ cookies');
    expect(text).toContain('✔ store — memory answers');
    expect(text).toMatch(/✔ sgID provider — JWKS has 1 RSA key\(s\); clock skew -?\d+ s/);
    expect(text).not.toContain('✖');
    expect(code).toBe(0);
  });

  it('fails on a key that is not 2048-bit RSA', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    const { code, text } = await doctor({ SGID_PRIVATE_KEY: small.toString() });
    expect(text).toContain('✖ private key');
    expect(code).toBe(1);
  });

  it('fails on cookies that browsers would refuse', async () => {
    const { code, text } = await doctor({ PUBLIC_URL: 'http://intranet.example' });
    expect(text).toContain('✖ cookies');
    expect(code).toBe(1);
  });

  it('fails on clock skew beyond the tolerance', async () => {
    const { code, text } = await doctor({}, fetchWithDate(5 * 60_000));
    expect(text).toMatch(/✖ sgID provider — clock differs/);
    expect(code).toBe(1);
  });

  it('fails when the provider is unreachable or the store does not answer', async () => {
    const unreachable: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const { code, text } = await doctor(
      { SESSION_STORE: 'redis', REDIS_URL: 'redis://127.0.0.1:1' },
      unreachable,
    );
    expect(text).toContain('✖ store');
    expect(text).toContain('✖ sgID provider');
    expect(code).toBe(1);
  });

  it('reports every configuration problem and exits 1', async () => {
    const { code, text } = await doctor({ PORT: 'x', SGID_CLIENT_ID: '' });
    expect(text).toContain('✖ configuration — PORT');
    expect(text).toContain('✖ configuration — SGID_CLIENT_ID');
    expect(code).toBe(1);
  });
});
