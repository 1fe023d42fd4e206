/** Shared set-up for the emulator's integration tests: a client key pair, a config and PKCE values. */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { DATA_SCOPES } from '@sgid-bff/protocol';
import type { FastifyInstance } from 'fastify';
import { freePort } from '../../../scripts/lib/processes.mjs';
import { createEmulatorApp, type EmulatorConfig, type EmulatorDeps } from '../src/index';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const CLIENT_PUBLIC_KEY = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
export const CLIENT_PRIVATE_KEY = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
export const CLIENT_PRIVATE_KEY_OBJECT = keys.privateKey;

export const CLIENT_ID = 'test-client';
export const CLIENT_SECRET = 'test-secret-0123456789abcdefghij';
export const REDIRECT_URI = 'http://localhost:3000/auth/callback';
export const OTHER_CLIENT_ID = 'other-client';
export const OTHER_CLIENT_SECRET = 'other-secret-0123456789abcdefghi';

export function createTestConfig(
  publicUrl = 'http://127.0.0.1:5156',
  overrides: Partial<EmulatorConfig> = {},
) {
  const config: EmulatorConfig = {
    publicUrl,
    clients: [
      {
        id: CLIENT_ID,
        secret: CLIENT_SECRET,
        name: 'Test Agency Portal',
        redirectUris: [REDIRECT_URI, 'http://localhost:3000/other-callback'],
        scopes: ['openid', ...DATA_SCOPES],
        publicKey: CLIENT_PUBLIC_KEY,
      },
      {
        id: OTHER_CLIENT_ID,
        secret: OTHER_CLIENT_SECRET,
        name: 'Other Portal',
        redirectUris: ['http://localhost:4000/callback'],
        scopes: ['openid', 'myinfo.name'],
        publicKey: CLIENT_PUBLIC_KEY,
      },
    ],
    ...overrides,
  };
  return config;
}

export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** A fake clock the test moves by hand. */
export function createFakeClock(start = Date.UTC(2025, 0, 1)) {
  let now = start;
  const clock = () => now;
  return Object.assign(clock, {
    advance(ms: number) {
      now += ms;
    },
  });
}

/** An emulator listening on 127.0.0.1 with publicUrl set to its real origin. */
export async function startListeningEmulator(
  overrides: Partial<EmulatorConfig> = {},
  deps: EmulatorDeps = {},
): Promise<{ app: FastifyInstance; origin: string }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const app = await createEmulatorApp(createTestConfig(origin, overrides), deps);
  await app.listen({ port, host: '127.0.0.1' });
  return { app, origin };
}

export interface AuthorizeOptions {
  clientId?: string;
  redirectUri?: string;
  scope?: string;
  challenge?: string;
  nonce?: string;
  state?: string;
  extra?: Record<string, string>;
}

/** The authorize URL path with query, for `inject()`. */
export function authorizePath(options: AuthorizeOptions = {}): string {
  const params = new URLSearchParams({
    client_id: options.clientId ?? CLIENT_ID,
    scope: options.scope ?? 'openid myinfo.name',
    response_type: 'code',
    redirect_uri: options.redirectUri ?? REDIRECT_URI,
    code_challenge: options.challenge ?? createPkcePair().challenge,
    code_challenge_method: 'S256',
    ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
    ...(options.state === undefined ? {} : { state: options.state }),
    ...options.extra,
  });
  return `/v2/oauth/authorize?${params}`;
}
