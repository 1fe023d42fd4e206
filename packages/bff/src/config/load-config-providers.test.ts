import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '.';
import { BASE_ENV, createSingpassJwk, problemCodesOf, SINGPASS_ENV, TEST_SINGPASS_KEYS } from './test-env';

const SGID_ONLY = BASE_ENV;
const SINGPASS_ONLY = { SPA_DIR: 'none', ...SINGPASS_ENV };
const BOTH = { ...BASE_ENV, ...SINGPASS_ENV };
const keysEnv = (keys: unknown) => ({ ...SINGPASS_ONLY, SINGPASS_KEYS: JSON.stringify({ keys }) });
const [SIG = {}, ENC = {}] = TEST_SINGPASS_KEYS;

describe('providers are enabled by their client id, as groups', () => {
  it('sgID alone: sgID enabled and the default, no Singpass', () => {
    const config = loadConfig(SGID_ONLY);
    expect(config.providers).toEqual({ enabled: ['sgid'], default: 'sgid' });
    expect(config.singpass).toBeUndefined();
  });

  it('Singpass alone: Singpass enabled and the default, no sgID', () => {
    const config = loadConfig(SINGPASS_ONLY);
    expect(config.providers).toEqual({ enabled: ['singpass'], default: 'singpass' });
    expect(config.sgid).toBeUndefined();
  });

  it('both: sgID is the default unless DEFAULT_PROVIDER says otherwise', () => {
    expect(loadConfig(BOTH).providers).toEqual({ enabled: ['sgid', 'singpass'], default: 'sgid' });
    expect(loadConfig({ ...BOTH, DEFAULT_PROVIDER: 'singpass' }).providers.default).toBe('singpass');
  });

  it('no provider at all is CONFIG_NO_PROVIDER', () => {
    expect(problemCodesOf({ SPA_DIR: 'none' })).toEqual([
      { variable: 'SGID_CLIENT_ID', code: 'CONFIG_NO_PROVIDER' },
    ]);
  });

  it('a partial group is CONFIG_INCOMPLETE_GROUP, filed under what is missing', () => {
    expect(problemCodesOf({ ...SGID_ONLY, SGID_CLIENT_SECRET: undefined })).toEqual([
      { variable: 'SGID_CLIENT_SECRET', code: 'CONFIG_INCOMPLETE_GROUP' },
    ]);
    expect(problemCodesOf({ ...SGID_ONLY, SINGPASS_KEYS: SINGPASS_ENV.SINGPASS_KEYS })).toEqual([
      { variable: 'SINGPASS_CLIENT_ID', code: 'CONFIG_INCOMPLETE_GROUP' },
    ]);
    expect(problemCodesOf({ ...SGID_ONLY, SINGPASS_CLIENT_ID: 'x' })).toEqual([
      { variable: 'SINGPASS_KEYS', code: 'CONFIG_INCOMPLETE_GROUP' },
    ]);
  });

  it('DEFAULT_PROVIDER must be enabled', () => {
    expect(problemCodesOf({ ...SGID_ONLY, DEFAULT_PROVIDER: 'singpass' })).toEqual([
      { variable: 'DEFAULT_PROVIDER', code: 'CONFIG_CONFLICT' },
    ]);
    expect(problemCodesOf({ ...SGID_ONLY, DEFAULT_PROVIDER: 'corppass' })).toEqual([
      { variable: 'DEFAULT_PROVIDER', code: 'CONFIG_CONFLICT' },
    ]);
    expect(problemCodesOf({ ...SGID_ONLY, DEFAULT_PROVIDER: 'mockpass' })).toEqual([
      { variable: 'DEFAULT_PROVIDER', code: 'CONFIG_INVALID' },
    ]);
  });
});

describe('Singpass configuration', () => {
  it('has the documented defaults for a Login app', () => {
    const { singpass } = loadConfig(SINGPASS_ONLY);
    expect(singpass).toMatchObject({
      clientId: 'singpass-client',
      issuer: 'https://id.singpass.gov.sg/fapi',
      redirectUri: 'http://localhost:3000/auth/callback/singpass',
      scopes: ['openid', 'user.identity', 'name'],
      appType: 'login',
      authContextType: 'APP_AUTHENTICATION_DEFAULT',
      timeoutMs: 5000,
      clockToleranceSeconds: 30,
    });
    expect(singpass?.keys.reveal()).toEqual(TEST_SINGPASS_KEYS);
  });

  it('never prints the keys', () => {
    const config = loadConfig(SINGPASS_ONLY);
    const printed = `${JSON.stringify(config)} ${inspect(config, { depth: 10 })}`;
    for (const key of TEST_SINGPASS_KEYS) expect(printed).not.toContain(key.d);
  });

  it('reads the keys from a file path too', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'singpass-keys-')), 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: TEST_SINGPASS_KEYS }));
    expect(loadConfig({ ...SINGPASS_ONLY, SINGPASS_KEYS: file }).singpass?.keys.reveal()).toHaveLength(2);
  });

  it('takes the staging issuer exactly, and refuses a trailing slash', () => {
    const staging = 'https://stg-id.singpass.gov.sg/fapi';
    expect(loadConfig({ ...SINGPASS_ONLY, SINGPASS_ISSUER: staging }).singpass?.issuer).toBe(staging);
    expect(problemCodesOf({ ...SINGPASS_ONLY, SINGPASS_ISSUER: `${staging}/` })).toEqual([
      { variable: 'SINGPASS_ISSUER', code: 'CONFIG_INVALID' },
    ]);
  });

  it('refuses an http issuer in production only', () => {
    const env = { ...SINGPASS_ONLY, SINGPASS_ISSUER: 'http://127.0.0.1:5157/fapi' };
    expect(loadConfig(env).warnings).toEqual([expect.stringMatching(/^SINGPASS_ISSUER: development only/)]);
    expect(
      problemCodesOf({ ...env, NODE_ENV: 'production', PUBLIC_URL: 'https://app.example.gov.sg' }),
    ).toContainEqual({ variable: 'SINGPASS_ISSUER', code: 'CONFIG_REFUSED_IN_PRODUCTION' });
  });

  it('the redirect URI must be this BFF’s Singpass callback', () => {
    expect(
      problemCodesOf({
        ...SINGPASS_ONLY,
        SINGPASS_REDIRECT_URI: 'https://elsewhere.example/auth/callback/singpass',
      }),
    ).toEqual([{ variable: 'SINGPASS_REDIRECT_URI', code: 'CONFIG_CONFLICT' }]);
    expect(
      problemCodesOf({ ...SINGPASS_ONLY, SINGPASS_REDIRECT_URI: 'http://localhost:3000/auth/callback' }),
    ).toEqual([{ variable: 'SINGPASS_REDIRECT_URI', code: 'CONFIG_CONFLICT' }]);
  });

  it('scopes must include openid and fit the app type', () => {
    expect(problemCodesOf({ ...SINGPASS_ONLY, SINGPASS_SCOPES: 'name' })).toEqual([
      { variable: 'SINGPASS_SCOPES', code: 'CONFIG_INVALID' },
    ]);
    expect(problemCodesOf({ ...SINGPASS_ONLY, SINGPASS_SCOPES: 'openid uinfin' })).toEqual([
      { variable: 'SINGPASS_SCOPES', code: 'CONFIG_CONFLICT' },
    ]);
    const myinfo = { ...SINGPASS_ONLY, SINGPASS_APP_TYPE: 'myinfo' };
    expect(loadConfig({ ...myinfo, SINGPASS_SCOPES: 'openid uinfin name' }).singpass).toMatchObject({
      appType: 'myinfo',
      scopes: ['openid', 'uinfin', 'name'],
    });
    expect(
      loadConfig({ ...myinfo, SINGPASS_SCOPES: 'openid name' }).singpass?.authContextType,
    ).toBeUndefined();
    expect(problemCodesOf(myinfo)).toEqual([{ variable: 'SINGPASS_SCOPES', code: 'CONFIG_REQUIRED' }]);
    expect(problemCodesOf({ ...myinfo, SINGPASS_SCOPES: 'openid user.identity' })).toEqual([
      { variable: 'SINGPASS_SCOPES', code: 'CONFIG_CONFLICT' },
    ]);
  });

  it('an auth context type is for Login apps only', () => {
    expect(
      loadConfig({ ...SINGPASS_ONLY, SINGPASS_AUTH_CONTEXT_TYPE: 'APP_AUTHENTICATION_HIGH' }).singpass
        ?.authContextType,
    ).toBe('APP_AUTHENTICATION_HIGH');
    expect(
      problemCodesOf({
        ...SINGPASS_ONLY,
        SINGPASS_APP_TYPE: 'myinfo',
        SINGPASS_SCOPES: 'openid name',
        SINGPASS_AUTH_CONTEXT_TYPE: 'APP_AUTHENTICATION_DEFAULT',
      }),
    ).toEqual([{ variable: 'SINGPASS_AUTH_CONTEXT_TYPE', code: 'CONFIG_CONFLICT' }]);
  });

  it('every Singpass problem is reported in the same pass as the others', () => {
    expect(
      problemCodesOf({
        ...SINGPASS_ONLY,
        PORT: 'x',
        SINGPASS_TIMEOUT: 'soon',
        SINGPASS_KEYS: JSON.stringify({ keys: [SIG] }),
        SINGPASS_APP_TYPE: 'corporate',
      }),
    ).toEqual([
      { variable: 'PORT', code: 'CONFIG_INVALID' },
      { variable: 'SINGPASS_KEYS', code: 'CONFIG_KEYS_NO_ENCRYPTION_KEY' },
      { variable: 'SINGPASS_APP_TYPE', code: 'CONFIG_INVALID' },
      { variable: 'SINGPASS_TIMEOUT', code: 'CONFIG_INVALID' },
    ]);
  });
});

describe('SINGPASS_KEYS rules, each with its own code', () => {
  const codesFor = (keys: unknown) => problemCodesOf(keysEnv(keys)).map((p) => p.code);

  it('accepts P-384 and P-521 keys with their algorithms', () => {
    expect(
      codesFor([createSingpassJwk('sig', 's', 'P-384'), createSingpassJwk('enc', 'e', 'P-521')]),
    ).toEqual([]);
  });

  it.each([
    ['not JSON nor a file', 'CONFIG_KEYS_UNREADABLE', undefined],
    ['an RSA key', 'CONFIG_KEYS_NOT_EC', [{ ...SIG, kty: 'RSA' }, ENC]],
    ['a secp256k1 key', 'CONFIG_KEYS_UNSUPPORTED_CURVE', [{ ...SIG, crv: 'secp256k1' }, ENC]],
    ['a public key', 'CONFIG_KEYS_NOT_PRIVATE', [{ ...SIG, d: undefined }, ENC]],
    ['a d that is not the x/y’s', 'CONFIG_KEYS_INVALID_KEY', [{ ...SIG, d: ENC.d }, ENC]],
    ['a duplicate kid', 'CONFIG_KEYS_DUPLICATE_KID', [SIG, { ...ENC, kid: SIG.kid }]],
    ['a missing kid', 'CONFIG_KEYS_DUPLICATE_KID', [SIG, { ...ENC, kid: undefined }]],
    ['a key without use', 'CONFIG_KEYS_UNSUPPORTED_USE', [SIG, ENC, { ...SIG, kid: 'x', use: undefined }]],
    ['a signing key with ES384 on P-256', 'CONFIG_KEYS_UNSUPPORTED_ALG', [{ ...SIG, alg: 'ES384' }, ENC]],
    ['an encryption key with RSA-OAEP', 'CONFIG_KEYS_UNSUPPORTED_ALG', [SIG, { ...ENC, alg: 'RSA-OAEP' }]],
    ['no signing key', 'CONFIG_KEYS_NO_SIGNING_KEY', [ENC]],
    ['no encryption key', 'CONFIG_KEYS_NO_ENCRYPTION_KEY', [SIG]],
  ])('%s is %s', (_name, code, keys) => {
    const env =
      keys === undefined ? { ...SINGPASS_ONLY, SINGPASS_KEYS: '/no/such/jwks.json' } : keysEnv(keys);
    expect(problemCodesOf(env)).toEqual([{ variable: 'SINGPASS_KEYS', code }]);
  });
});
