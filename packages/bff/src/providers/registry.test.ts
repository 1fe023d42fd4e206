import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { BASE_ENV, SINGPASS_ENV } from '../config/test-env';
import type { LoginProvider } from './provider';
import { createProviderRegistry } from './registry';

const deps = { fetch: globalThis.fetch, clock: Date.now };

const standIn = (name: LoginProvider['name']): LoginProvider => ({
  name,
  issuer: 'https://issuer.example/fapi',
  redirectUri: 'http://localhost:3000/auth/callback/singpass',
  scopes: ['openid'],
  beginLogin: async () => ({ url: 'https://issuer.example/authorize' }),
  completeLogin: async () => {
    throw new Error('not in this test');
  },
});

describe('the provider registry', () => {
  it('holds exactly the enabled providers; any other name is undefined', () => {
    const registry = createProviderRegistry(loadConfig(BASE_ENV), deps);
    expect(registry.enabled).toEqual(['sgid']);
    expect(registry.default.name).toBe('sgid');
    expect(registry.get('sgid')?.issuer).toBe('https://api.id.gov.sg/v2');
    expect(registry.get('singpass')).toBeUndefined();
    expect(registry.get('__proto__')).toBeUndefined();
    expect(registry.list().map((p) => p.name)).toEqual(['sgid']);
  });

  it('builds the Singpass room from SINGPASS_* (its issuer, redirect URI and public JWKS), and takes an injected one instead', () => {
    const config = loadConfig({ ...BASE_ENV, ...SINGPASS_ENV, DEFAULT_PROVIDER: 'singpass' });
    const built = createProviderRegistry(config, deps).get('singpass');
    expect(built?.issuer).toBe(config.singpass?.issuer);
    expect(built?.redirectUri).toBe(config.singpass?.redirectUri);
    const registry = createProviderRegistry(config, deps, { singpass: standIn('singpass') });
    expect(registry.enabled).toEqual(['sgid', 'singpass']);
    expect(registry.default.name).toBe('singpass');
  });

  it('refuses an injected provider under another provider’s name', () => {
    expect(() => createProviderRegistry(loadConfig(BASE_ENV), deps, { sgid: standIn('singpass') })).toThrow(
      /calls itself singpass/,
    );
  });

  it('ignores an injected provider the configuration does not enable', () => {
    const registry = createProviderRegistry(loadConfig(BASE_ENV), deps, { singpass: standIn('singpass') });
    expect(registry.get('singpass')).toBeUndefined();
  });
});
