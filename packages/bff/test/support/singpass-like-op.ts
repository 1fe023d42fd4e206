/**
 * The Singpass profile of the FAPI-like OP (`fapi-like-op.ts`; SINGPASS-CORPPASS-FAPI.md §8.3): mounted at
 * `/fapi` with Singpass's paths, for `interop/oidc-provider-singpass.test.ts`. A fixed account logged in at
 * LoA 2; Login-app claims in `sub_attributes`, Myinfo-app claims in `person_info`; the context-type rule
 * (required for Login apps, forbidden for Myinfo apps). Where this differs from Singpass is listed at the
 * top of the test.
 */
import { randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import { type ClientMetadata, type KoaContextWithOIDC, errors as opErrors } from 'oidc-provider';
import { type FapiLikeOp, type FapiOpProfile, fapiClientMetadata, startFapiLikeOp } from './fapi-like-op';
import { makeEcJwk, publicOf } from './singpass-fixtures';

export const LOA2 = 'urn:singpass:authentication:loa:2';
export const REDIRECT_URI = 'https://app.example.sg/auth/callback/singpass';
export const ACCOUNT = {
  sub: randomUUID(),
  sub_attributes: {
    account_type: 'standard',
    identity_number: 'S9812381D',
    identity_coi: 'SG',
    name: 'TAN XIAO HUI',
    email: 'tan.xiao.hui@example.com',
    mobileno: '97399245',
  },
  person_info: {
    uinfin: { value: 'S9812381D', source: '1', classification: 'C', lastupdated: '2024-03-01' },
    name: { value: 'TAN XIAO HUI', source: '1', classification: 'C', lastupdated: '2024-03-01' },
    sex: { code: 'F', desc: 'FEMALE', source: '1', classification: 'C', lastupdated: '2024-03-01' },
    dob: { value: '1998-06-06', source: '1', classification: 'C', lastupdated: '2024-03-01' },
    email: { unavailable: true },
    regadd: {
      type: 'SG',
      block: { value: '102' },
      building: { value: '' },
      floor: { value: '09' },
      unit: { value: '128' },
      street: { value: 'BEDOK NORTH AVENUE 4' },
      postal: { value: '460102' },
      country: { code: 'SG', desc: 'SINGAPORE' },
      source: '1',
      classification: 'C',
      lastupdated: '2024-03-01',
    },
  },
} as const;

/** Which part of the account each scope releases, and where (§4.9, §5). */
export const LOGIN_SCOPE_ATTRIBUTES: Record<string, readonly string[]> = {
  'user.identity': ['account_type', 'identity_number', 'identity_coi'],
  name: ['name'],
  email: ['email'],
  mobileno: ['mobileno'],
};
export const MYINFO_SCOPES = ['uinfin', 'name', 'sex', 'dob', 'email', 'regadd'];

export interface ClientSetup {
  clientId: string;
  appType: 'login' | 'myinfo';
  keys: JWK[];
  /** No `id_token_encrypted_response_*`: oidc-provider then sends a bare JWS, which the BFF must refuse. */
  unencrypted?: boolean;
}

export function makeClient(clientId: string, appType: 'login' | 'myinfo', unencrypted = false): ClientSetup {
  return {
    clientId,
    appType,
    unencrypted,
    keys: [makeEcJwk(`${clientId}-sig`, 'sig'), makeEcJwk(`${clientId}-enc`, 'enc', 'ECDH-ES+A256KW')],
  };
}

function clientMetadata(setup: ClientSetup): ClientMetadata {
  const scopes =
    setup.appType === 'login'
      ? ['openid', ...Object.keys(LOGIN_SCOPE_ATTRIBUTES)]
      : ['openid', ...MYINFO_SCOPES];
  return {
    ...fapiClientMetadata({
      clientId: setup.clientId,
      redirectUri: REDIRECT_URI,
      scope: scopes.join(' '),
      jwks: { keys: setup.keys.map(publicOf) },
      ...(setup.unencrypted !== undefined && { unencryptedIdToken: setup.unencrypted }),
    }),
    app_type: setup.appType,
  };
}

export type SingpassLikeOp = FapiLikeOp;

export function singpassProfile(clients: readonly ClientSetup[]): FapiOpProfile {
  return {
    mount: '/fapi',
    routes: {
      pushed_authorization_request: '/par',
      authorization: '/auth',
      token: '/token',
      userinfo: '/userinfo',
      jwks: '/.well-known/keys',
    },
    opKid: 'singpass-sig-1',
    clients: clients.map(clientMetadata),
    acrValues: ['urn:singpass:authentication:loa:1', LOA2, 'urn:singpass:authentication:loa:3'],
    accessTokenTtl: 1800,
    extraClientMetadata: { properties: ['app_type'] },
    claims: {
      // Singpass always sends acr and amr; oidc-provider releases a claim only through a scope (or the
      // `claims` parameter), so `openid` carries them.
      openid: ['sub', 'sub_type', 'acr', 'amr'],
      'user.identity': ['sub_attributes'],
      name: ['sub_attributes', 'person_info'],
      email: ['sub_attributes', 'person_info'],
      mobileno: ['sub_attributes'],
      uinfin: ['person_info'],
      sex: ['person_info'],
      dob: ['person_info'],
      regadd: ['person_info'],
    },
    extraParams: {
      // Singpass: required for Login apps, forbidden for Myinfo apps (§4.1).
      authentication_context_type(ctx: KoaContextWithOIDC, value: string | undefined, client) {
        if (ctx.oidc.route !== 'pushed_authorization_request') return;
        const isLogin = client.metadata().app_type === 'login';
        if (isLogin && value !== 'APP_AUTHENTICATION_DEFAULT')
          throw new opErrors.InvalidRequest('authentication_context_type is required for Login apps');
        if (!isLogin && value !== undefined)
          throw new opErrors.InvalidRequest('authentication_context_type is only for Login apps');
      },
    },
    async findAccount(ctx, accountId) {
      const appType = ctx.oidc.client?.metadata().app_type;
      return {
        accountId,
        async claims(use, scope) {
          const granted = new Set(scope.split(' '));
          if (appType === 'login') {
            const attributes = Object.fromEntries(
              Object.entries(ACCOUNT.sub_attributes).filter(([name]) =>
                [...granted].some((s) => LOGIN_SCOPE_ATTRIBUTES[s]?.includes(name)),
              ),
            );
            return {
              sub: accountId,
              sub_type: 'user',
              ...(Object.keys(attributes).length > 0 && { sub_attributes: attributes }),
            };
          }
          if (use !== 'userinfo') return { sub: accountId, sub_type: 'user' };
          const person = Object.fromEntries(
            Object.entries(ACCOUNT.person_info).filter(([name]) => granted.has(name)),
          );
          return { sub: accountId, person_info: person };
        },
      };
    },
    login: { accountId: ACCOUNT.sub, acr: LOA2, amr: ['pwd', 'otp-sms'] },
  };
}

export function startSingpassLikeOp(clients: readonly ClientSetup[]): Promise<SingpassLikeOp> {
  return startFapiLikeOp(singpassProfile(clients));
}
