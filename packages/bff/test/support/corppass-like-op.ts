/**
 * The Corppass profile of the FAPI-like OP (`fapi-like-op.ts`; SINGPASS-CORPPASS-FAPI.md §8.3): mounted at
 * the root (issuer `http://127.0.0.1:PORT`) with Corppass's paths (`/request`,
 * `/mga/sps/oauth/oauth20/{authorize,token}`, `/userinfo`, `/.well-known/keys`), a 10-minute access token,
 * and the context-type rule of Corppass Login apps (required, only `APP_AUTHENTICATION_DEFAULT`). The
 * account is an entity (`sub` = its UEN) with an acting user (`act`) and roles (`auth_info`,
 * `tp_auth_info`), built in `findAccount().claims()`; `encoding.double` sends `act`, `auth_info` and
 * `tp_auth_info` as JSON strings, as Corppass sometimes does (§4.10).
 */
import type { CorppassWireAuthInfo, CorppassWireTpAuthInfo } from '@sgid-bff/protocol';
import type { JWK } from 'jose';
import { type KoaContextWithOIDC, errors as opErrors } from 'oidc-provider';
import { type FapiLikeOp, fapiClientMetadata, startFapiLikeOp } from './fapi-like-op';
import { makeEcJwk, publicOf } from './singpass-fixtures';

export const CORPPASS_REDIRECT_URI = 'https://app.example.sg/auth/callback/corppass';
export const ENTITY = {
  sub: '201912345K',
  sub_attributes: {
    entity_type: 'UEN',
    entity_reg_number: '201912345K',
    entity_coi: 'SG',
    entity_name: 'HARBOURFRONT LOGISTICS PTE. LTD.',
    entity_uen_status: 'R',
  },
} as const;
export const ACTOR = {
  sub: 'e5b1c8a2-7d55-4a4e-9a51-1f0d3c1b2a77',
  sub_type: 'user',
  sub_attributes: {
    account_type: 'standard',
    identity_number: 'S9812381D',
    identity_coi: 'SG',
    name: 'TAN XIAO HUI',
    corppass_email: 'hh.tan@harbourfront.example',
    // Corppass has been seen sending the boolean as a string.
    corppass_email_verified: 'true',
  },
} as const;
export const AUTH_INFO: CorppassWireAuthInfo = {
  Result_Set: {
    ESrvc_Row_Count: 1,
    ESrvc_Result: [
      {
        CPESrvcID: 'ESVC-CUSTOMS',
        Auth_Result_Set: {
          Row_Count: 2,
          Row: [
            {
              CPEntID_SUB: ENTITY.sub,
              CPRole: 'Approver',
              StartDate: '2020-01-01',
              EndDate: '9999-12-31',
              Parameter: [{ name: 'ApprovalLimit', value: '100000' }],
            },
            { CPEntID_SUB: ENTITY.sub, CPRole: 'Preparer', StartDate: '2019-01-01', EndDate: '2021-12-31' },
          ],
        },
      },
    ],
  },
};
export const TP_AUTH_INFO: CorppassWireTpAuthInfo = {
  Result_Set: {
    ESrvc_Row_Count: 1,
    ESrvc_Result: [
      {
        CPESrvcID: 'ESVC-CUSTOMS',
        Auth_Result_Set: {
          Row_Count: 1,
          Row: [
            {
              CP_Clnt_ID: '201812345M',
              CP_ClntEnt_TYPE: 'UEN',
              CPRole: 'Preparer',
              StartDate: '2022-07-01',
              EndDate: '9999-12-31',
            },
          ],
        },
      },
    ],
  },
};

/** Which entity attributes each scope releases (§5); `act.sub_attributes` likewise. */
const ENTITY_SCOPES: Record<string, readonly string[]> = {
  'entity.identity': ['entity_type', 'entity_reg_number', 'entity_coi'],
  'entity.basic_profile.entity_name': ['entity_name'],
  'entity.basic_profile.uen_status': ['entity_uen_status'],
};
const USER_SCOPES: Record<string, readonly string[]> = {
  'user.identity': ['account_type', 'identity_number', 'identity_coi'],
  'user.name': ['name'],
  'user.corppass.email': ['corppass_email', 'corppass_email_verified'],
};

export interface CorppassClientSetup {
  clientId: string;
  keys: JWK[];
}

export function makeCorppassClient(clientId: string): CorppassClientSetup {
  return {
    clientId,
    keys: [makeEcJwk(`${clientId}-sig`, 'sig'), makeEcJwk(`${clientId}-enc`, 'enc', 'ECDH-ES+A256KW')],
  };
}

export interface CorppassLikeOp extends FapiLikeOp {
  /** While true, `act`, `auth_info` and `tp_auth_info` are sent as JSON strings. */
  doubleEncode(on: boolean): void;
  /** While true, the ID token has no `act`. */
  dropAct(on: boolean): void;
  /** The JSON type of each `act`/`auth_info`/`tp_auth_info` handed to oidc-provider, newest last. */
  blockTypes: Array<{ claim: string; type: string }>;
}

function pick(
  source: Record<string, unknown>,
  scopes: Set<string>,
  byScope: Record<string, readonly string[]>,
) {
  const names = new Set([...scopes].flatMap((scope) => byScope[scope] ?? []));
  const picked = Object.fromEntries(Object.entries(source).filter(([name]) => names.has(name)));
  return Object.keys(picked).length > 0 ? picked : undefined;
}

export async function startCorppassLikeOp(clients: readonly CorppassClientSetup[]): Promise<CorppassLikeOp> {
  const encoding = { double: false, dropAct: false };
  const blockTypes: CorppassLikeOp['blockTypes'] = [];
  const encode = (claim: string, block: unknown) => {
    const sent = encoding.double ? JSON.stringify(block) : block;
    blockTypes.push({ claim, type: typeof sent });
    return sent;
  };
  const op = await startFapiLikeOp({
    mount: '',
    routes: {
      pushed_authorization_request: '/request',
      authorization: '/mga/sps/oauth/oauth20/authorize',
      token: '/mga/sps/oauth/oauth20/token',
      userinfo: '/userinfo',
      jwks: '/.well-known/keys',
    },
    opKid: 'corppass-sig-1',
    clients: clients.map((setup) =>
      fapiClientMetadata({
        clientId: setup.clientId,
        redirectUri: CORPPASS_REDIRECT_URI,
        scope: [
          'openid',
          'authinfo',
          'tpauthinfo',
          ...Object.keys(ENTITY_SCOPES),
          ...Object.keys(USER_SCOPES),
        ].join(' '),
        jwks: { keys: setup.keys.map(publicOf) },
      }),
    ),
    // Corppass's `acr` is undocumented (§9); the LoA URN stands in for it.
    acrValues: ['urn:singpass:authentication:loa:2'],
    accessTokenTtl: 600,
    claims: {
      // `act` is always sent: a Corppass login is always someone acting for an entity.
      openid: ['sub', 'sub_type', 'acr', 'amr', 'act'],
      ...Object.fromEntries(Object.keys(ENTITY_SCOPES).map((scope) => [scope, ['sub_attributes']])),
      ...Object.fromEntries(Object.keys(USER_SCOPES).map((scope) => [scope, ['act']])),
      authinfo: ['auth_info'],
      tpauthinfo: ['tp_auth_info'],
    },
    extraParams: {
      // Corppass Login apps: required, and only APP_AUTHENTICATION_DEFAULT (§4.1 [CP-ACX]).
      authentication_context_type(ctx: KoaContextWithOIDC, value: string | undefined) {
        if (ctx.oidc.route !== 'pushed_authorization_request') return;
        if (value !== 'APP_AUTHENTICATION_DEFAULT')
          throw new opErrors.InvalidRequest('authentication_context_type must be APP_AUTHENTICATION_DEFAULT');
      },
    },
    async findAccount(_ctx, accountId) {
      return {
        accountId,
        async claims(use, scope) {
          const granted = new Set(scope.split(' '));
          if (use === 'userinfo')
            return {
              sub: accountId,
              ...(granted.has('authinfo') && { auth_info: encode('auth_info', AUTH_INFO) }),
              ...(granted.has('tpauthinfo') && { tp_auth_info: encode('tp_auth_info', TP_AUTH_INFO) }),
            };
          const entityAttributes = pick(ENTITY.sub_attributes, granted, ENTITY_SCOPES);
          const userAttributes = pick(ACTOR.sub_attributes, granted, USER_SCOPES);
          const act = {
            sub: ACTOR.sub,
            sub_type: ACTOR.sub_type,
            ...(userAttributes && { sub_attributes: userAttributes }),
          };
          return {
            sub: accountId,
            sub_type: 'entity',
            ...(entityAttributes && { sub_attributes: entityAttributes }),
            ...(!encoding.dropAct && { act: encode('act', act) }),
          };
        },
      };
    },
    login: { accountId: ENTITY.sub, acr: 'urn:singpass:authentication:loa:2', amr: ['pwd', 'otp-sms'] },
  });
  return {
    ...op,
    blockTypes,
    doubleEncode: (on) => {
      encoding.double = on;
    },
    dropAct: (on) => {
      encoding.dropAct = on;
    },
  };
}
