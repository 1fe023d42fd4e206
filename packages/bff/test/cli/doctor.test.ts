import { generateKeyPairSync } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../scripts/lib/processes.mjs';
import { runDoctor } from '../../src/cli/doctor';
import { SINGPASS_TEST_ENV } from '../support/fake-singpass';
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

/** A real loopback listener for the failure cases; closed after the test. */
async function listen<T extends Server | TcpServer>(server: T): Promise<{ origin: string; server: T }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { origin: `127.0.0.1:${port}`, server };
}

describe('sgid-bff doctor names the URL and the cause of every failed check', () => {
  const servers: Array<Server | TcpServer> = [];
  afterAll(() => {
    for (const server of servers) server.close();
  });

  it('a provider that refuses the connection: the JWKS URL and "connection refused", not "fetch failed"', async () => {
    const origin = `http://127.0.0.1:${await freePort()}`;
    const { code, text } = await doctor({ SGID_HOSTNAME: origin }, fetch);
    expect(text).toContain(
      `✖ sgID provider — ${origin}/v2/.well-known/jwks.json (SGID_HOSTNAME): connection refused`,
    );
    expect(text).not.toContain('fetch failed');
    expect(code).toBe(1);
  });

  it('a provider that never answers: the URL and the deadline', async () => {
    const silent = await listen(createTcpServer(() => {})); // accepts, then says nothing
    servers.push(silent.server);
    const { code, text } = await doctor(
      { SGID_HOSTNAME: `http://${silent.origin}`, SGID_TIMEOUT: '300ms' },
      fetch,
    );
    expect(text).toContain(`✖ sgID provider — http://${silent.origin}/v2/.well-known/jwks.json`);
    expect(text).toContain('no answer within 300 ms');
    expect(code).toBe(1);
  });

  it('https to a port that speaks plain http: the URL and a TLS handshake failure', async () => {
    const plain = await listen(createHttpServer((_req, res) => res.end('{}')));
    servers.push(plain.server);
    const { code, text } = await doctor({ SGID_HOSTNAME: `https://${plain.origin}` }, fetch);
    expect(text).toContain(
      `✖ sgID provider — https://${plain.origin}/v2/.well-known/jwks.json (SGID_HOSTNAME): TLS handshake failed`,
    );
    expect(code).toBe(1);
  });

  it('a host name that does not resolve: the URL and "host not found"', async () => {
    // What Node's fetch throws for a DNS failure (the sandbox has no resolver to ask for a real one).
    const dnsFailure: typeof fetch = async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND sgid.invalid'), { code: 'ENOTFOUND' }),
      });
    };
    const { text } = await doctor({ SGID_HOSTNAME: 'https://sgid.invalid' }, dnsFailure);
    expect(text).toContain(
      '✖ sgID provider — https://sgid.invalid/v2/.well-known/jwks.json (SGID_HOSTNAME): host not found',
    );
  });

  it('a provider answering something other than a JWKS: the URL and what was wrong', async () => {
    const html = await listen(createHttpServer((_req, res) => res.end('<html>')));
    servers.push(html.server);
    const { text } = await doctor({ SGID_HOSTNAME: `http://${html.origin}` }, fetch);
    expect(text).toContain(
      `✖ sgID provider — http://${html.origin}/v2/.well-known/jwks.json (SGID_HOSTNAME): the answer is not JSON`,
    );
  });

  it('Redis that refuses the connection: REDIS_URL without its password, and the cause', async () => {
    const port = await freePort();
    const { code, text } = await doctor({
      SESSION_STORE: 'redis',
      REDIS_URL: `redis://:pw-secret@127.0.0.1:${port}`,
    });
    expect(text).toContain(
      `✖ store — cannot connect to Redis at REDIS_URL=redis://:***@127.0.0.1:${port}: connection refused`,
    );
    expect(text).not.toContain('pw-secret');
    expect(code).toBe(1);
  });

  describe('with Singpass enabled', () => {
    const issuer = 'http://127.0.0.1:5157/fapi';
    const env = { ...SINGPASS_TEST_ENV, SINGPASS_ISSUER: issuer };
    /** sgID through the simulated internet; Singpass's discovery and JWKS as `answers` say. */
    const withSingpass =
      (answers: Record<string, Response | Error>): typeof fetch =>
      async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        const answer = answers[url];
        if (answer instanceof Error) throw answer;
        if (answer) return answer.clone();
        return fetchWithDate(0)(input, init);
      };

    it('checks the keys, the redirect URI, discovery and the JWKS it names', async () => {
      const { code, text } = await doctor(
        env,
        withSingpass({
          [`${issuer}/.well-known/openid-configuration`]: Response.json({
            issuer,
            jwks_uri: `${issuer}/jwks`,
          }),
          [`${issuer}/jwks`]: Response.json({ keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }] }),
        }),
      );
      expect(text).toContain(
        '✔ Singpass keys — signing: bff-sig-1 ES256 P-256; encryption: bff-enc-1 ECDH-ES+A256KW P-256',
      );
      expect(text).toContain('✔ Singpass redirect URI — http://localhost:3000/auth/callback/singpass');
      expect(text).toContain(`✔ Singpass provider — discovery at ${issuer}/.well-known/openid-configuration`);
      expect(code).toBe(0);
    });

    it('names the URL and the cause when discovery or the JWKS fails', async () => {
      const unreachable = await doctor(env, withSingpass({}));
      expect(unreachable.text).toMatch(
        new RegExp(
          `✖ Singpass provider — ${issuer}/\\.well-known/openid-configuration \\(SINGPASS_ISSUER\\): `,
        ),
      );
      expect(unreachable.code).toBe(1);
      const wrongIssuer = await doctor(
        env,
        withSingpass({
          [`${issuer}/.well-known/openid-configuration`]: Response.json({
            issuer: 'https://elsewhere',
            jwks_uri: 'x',
          }),
        }),
      );
      expect(wrongIssuer.text).toContain('names issuer https://elsewhere, not SINGPASS_ISSUER');
      const noJwks = await doctor(
        env,
        withSingpass({
          [`${issuer}/.well-known/openid-configuration`]: Response.json({
            issuer,
            jwks_uri: `${issuer}/jwks`,
          }),
          [`${issuer}/jwks`]: new Response('busy', { status: 503 }),
        }),
      );
      expect(noJwks.text).toContain(
        `✖ Singpass provider — ${issuer}/jwks (jwks_uri of SINGPASS_ISSUER) answered 503`,
      );
    });
  });
});
