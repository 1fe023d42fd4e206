import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EmulatorError } from '../errors';
import { catchError, TEST_PRIVATE_KEY, TEST_PUBLIC_KEY } from '../testing/registered-client';
import type { EmulatorConfig } from './emulator-config';
import { parseEmulatorConfig } from './parse-config';

const publicKey = TEST_PUBLIC_KEY.export({ type: 'spki', format: 'pem' }).toString();
const valid: EmulatorConfig = {
  publicUrl: 'http://127.0.0.1:5156',
  clients: [
    {
      id: 'a',
      secret: 's'.repeat(32),
      name: 'A',
      redirectUris: ['http://localhost:3000/auth/callback'],
      scopes: ['openid', 'myinfo.name'],
      publicKey,
    },
  ],
};

describe('parseEmulatorConfig', () => {
  it('resolves defaults, the issuer and the client key once', () => {
    const config = parseEmulatorConfig(valid);
    expect(config.issuer).toBe('http://127.0.0.1:5156/v2');
    expect(config.codeTtlMs).toBe(60_000);
    expect(config.qrTtlMs).toBe(300_000);
    expect(config.faultDelayMs).toBe(5000);
    const client = config.clients.get('a');
    expect(client?.publicKey.asymmetricKeyType).toBe('rsa');
    expect([...(client?.scopes ?? [])]).toEqual(['myinfo.name']);
    expect(client).not.toHaveProperty('secret');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every problem at once', () => {
    const error = catchError(() =>
      parseEmulatorConfig({
        publicUrl: 'http://127.0.0.1:5156/prefix',
        autoApprove: 'S1234567A',
        clients: [
          {
            ...valid.clients[0],
            redirectUris: ['/relative', 'https://x.example/cb#frag'],
            scopes: ['openid', 'myinfo.shoe'],
          },
          { ...valid.clients[0], publicKey: 'not a key' },
        ],
        personas: [
          { nric: 'S0000000A', data: { 'myinfo.date_of_birth': '2023-02-30', 'myinfo.unknown': 'x' } },
        ],
      }),
    ) as EmulatorError;
    expect(error.code).toBe('EMU_CONFIG_INVALID');
    for (const fragment of [
      'publicUrl',
      'autoApprove',
      'clients.0.redirectUris.0',
      'clients.0.redirectUris.1',
      'clients.0.scopes.1',
      'clients.1.publicKey',
      'clients.1.id: duplicate',
      'personas.0.nric',
    ]) {
      expect(error.description).toContain(fragment);
    }
  });

  it('refuses a private key, a non-RSA key and a short RSA key', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    const short = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    const privatePem = TEST_PRIVATE_KEY.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const [pem, message] of [
      [privatePem, 'public key only'],
      [ec.toString(), 'RSA'],
      [short.toString(), '2048'],
    ] as const) {
      const error = catchError(() =>
        parseEmulatorConfig({
          ...valid,
          clients: [{ ...valid.clients[0], publicKey: pem }] as EmulatorConfig['clients'],
        }),
      ) as EmulatorError;
      expect(error.description).toContain(message);
    }
  });

  it('accepts personas with records given as arrays and stores them as JSON strings', () => {
    const config = parseEmulatorConfig({
      ...valid,
      personas: [
        { nric: 'S1234567D', data: { 'myinfo.vehicles': [{ vehicle_number: 'SBA1B' }], 'myinfo.name': 'X' } },
      ],
    });
    expect(config.personas[0]?.data['myinfo.vehicles']).toBe('[{"vehicle_number":"SBA1B"}]');
  });

  it('rejects persona values the catalogue cannot parse', () => {
    const error = catchError(() =>
      parseEmulatorConfig({
        ...valid,
        personas: [{ nric: 'S1234567D', data: { 'myinfo.vehicles': [{ plate: 'x' }] } }],
      }),
    ) as EmulatorError;
    expect(error.description).toContain('personas.0.data.myinfo.vehicles');
  });
});
