import { describe, expect, it } from 'vitest';
import { parseEmulatorConfig } from '../../config/parse-config';
import type { EmulatorError } from '../../errors';
import { TEST_CLIENT_JWKS } from '../../singpass/testing/singpass-client';
import { catchError } from '../../testing/registered-client';
import type { CorppassClientConfig } from './corppass-client';

const client: CorppassClientConfig = {
  provider: 'corppass',
  id: 'cpClient',
  name: 'CP',
  appType: 'login',
  redirectUris: ['http://localhost:3000/cb'],
  scopes: ['authinfo', 'entity.identity'],
  jwks: TEST_CLIENT_JWKS,
  contextTypes: ['APP_AUTHENTICATION_DEFAULT'],
};

function problems(...clients: unknown[]): string {
  const error = catchError(() =>
    parseEmulatorConfig({ publicUrl: 'http://127.0.0.1:5156', clients }),
  ) as EmulatorError;
  expect(error.code).toBe('EMU_CONFIG_INVALID');
  return error.description;
}

describe('Corppass clients in the config', () => {
  it('resolves a Corppass client, the Corppass issuer, its toggles and autoApproveEntity', () => {
    const config = parseEmulatorConfig({
      publicUrl: 'http://127.0.0.1:5156/',
      clients: [client],
      autoApprove: 'S9812381D',
      autoApproveEntity: '53312345D',
      corppass: { requireDpopExp: true },
    });
    expect(config.corppassIssuer).toBe('http://127.0.0.1:5156/corppass');
    const resolved = config.corppassClients.get('cpClient');
    expect([...(resolved?.scopes ?? [])]).toEqual(['openid', 'authinfo', 'entity.identity']);
    expect(resolved?.acrValues.size).toBe(0);
    expect(config.corppass.requireDpopExp).toBe(true);
    expect(config.singpass.requireDpopExp).toBe(false);
    expect(config.autoApproveEntity).toBe('53312345D');
  });
  it('refuses Singpass scopes, other context types, context types on Myinfo Business, and duplicate ids', () => {
    const text = problems(
      { ...client, scopes: ['name'] },
      { ...client, id: 'b', contextTypes: ['APP_PAYMENT_DEFAULT'] },
      { ...client, id: 'c', appType: 'myinfo_business' },
      { ...client, id: 'b', provider: 'singpass', appType: 'login', scopes: ['openid'] },
    );
    expect(text).toContain('clients.0.scopes.0');
    expect(text).toContain('clients.1.contextTypes.0');
    expect(text).toContain('context types are for Login apps only');
    expect(text).toContain('duplicate client id b');
  });
});
