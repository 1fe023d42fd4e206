/**
 * The Singpass FAPI 2.0 profile (SINGPASS-CORPPASS-FAPI.md §2, §4.1, §4.8–§4.10, §5): issuer
 * `${publicUrl}/singpass/v3/fapi`, MockPass's endpoint names, access tokens of 1800 s, a UUID `sub` with
 * `sub_attributes`, userinfo by GET with `person_info` (Myinfo apps), the Singpass context-type rules.
 */
import { MYINFO_SCOPES, SINGPASS_LOGIN_SCOPES } from '@sgid-bff/protocol';
import type { ResolvedConfig } from '../config/emulator-config';
import { checkContextType } from './checks/check-context-type';
import { checkMyinfoEligible } from './checks/check-myinfo-eligible';
import { buildIdTokenClaims } from './claims/build-id-token-claims';
import { buildPersonInfo } from './claims/build-person-info';
import { buildSubAttributes } from './claims/build-sub-attributes';
import type { SingpassRegisteredClient } from './config/singpass-client';
import { ACCESS_TOKEN_TTL_SECONDS, SINGPASS_PATHS } from './constants';
import type { FapiProfile } from './fapi-profile';

const CONSENT_LINES: Readonly<Record<string, string>> = {
  'user.identity': 'Your identity number, its country and your account type',
  name: 'Your name',
  email: 'Your email address',
  mobileno: 'Your mobile number',
  uinfin: 'Your NRIC/FIN',
  regadd: 'Your registered address',
  dob: 'Your date of birth',
};

export function createSingpassProfile(config: ResolvedConfig): FapiProfile<SingpassRegisteredClient> {
  return {
    name: 'singpass',
    issuer: config.singpassIssuer,
    paths: SINGPASS_PATHS,
    clients: config.singpassClients,
    options: config.singpass,
    signingKeyFile: 'singpass-signing-key.pem',
    accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
    echoScope: false,
    userinfoAcceptsPost: false,
    userinfoJweHeader: 'cty-jwt',
    discovery: {
      scopes_supported: [...new Set<string>([...SINGPASS_LOGIN_SCOPES, ...MYINFO_SCOPES])],
      acr_values_supported: [
        'urn:singpass:authentication:loa:1',
        'urn:singpass:authentication:loa:2',
        'urn:singpass:authentication:loa:3',
      ],
      claims_supported: [
        'sub',
        'sub_type',
        'sub_attributes',
        'aud',
        'iss',
        'iat',
        'exp',
        'nonce',
        'acr',
        'amr',
      ],
    },
    checkContextType,
    consentItems: (scopes) =>
      scopes.filter((scope) => scope !== 'openid').map((scope) => CONSENT_LINES[scope] ?? `Myinfo: ${scope}`),
    subjectOf: (userSub) => userSub,
    otherSubject: (sub) => {
      // Another well-formed UUID: the RP must notice it is not the ID token's.
      const flipped = (Number.parseInt(sub.slice(0, 1), 16) ^ 0xf).toString(16);
      return `${flipped}${sub.slice(1)}`;
    },
    buildIdTokenClaims: (input) =>
      buildIdTokenClaims({
        issuer: config.singpassIssuer,
        clientId: input.client.id,
        sub: input.sub,
        subAttributes: buildSubAttributes(input.persona, input.scopes),
        nonce: input.nonce,
        acrValues: input.acrValues,
        now: input.now,
        faults: input.faults,
      }),
    buildUserinfoClaims: ({ client, persona, scopes }) => {
      checkMyinfoEligible(client, persona);
      // What Singpass answers Login apps is unconfirmed (?): an empty person_info.
      return { person_info: client.appType === 'myinfo' ? buildPersonInfo(persona, scopes) : {} };
    },
  };
}
