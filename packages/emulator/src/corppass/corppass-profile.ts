/**
 * The Corppass FAPI 2.0 profile (SINGPASS-CORPPASS-FAPI.md §2, §4.1, §4.8–§4.10, §5): issuer
 * `${publicUrl}/corppass` with Corppass's endpoint names, access tokens of 600 s, the granted `scope`
 * echoed by the token endpoint, an entity `sub` with `act`, userinfo by GET or form POST carrying
 * `auth_info`/`tp_auth_info` in a JWE with `typ: JWE` and no `cty`, the Corppass context-type rule.
 */
import { CORPPASS_SCOPES } from '@sgid-bff/protocol';
import type { ResolvedConfig } from '../config/emulator-config';
import type { FapiProfile } from '../singpass/fapi-profile';
import { checkCorppassContextType } from './checks/check-corppass-context-type';
import { buildCorppassIdTokenClaims, buildCorppassUserinfoClaims } from './claims/build-corppass-claims';
import type { CorppassRegisteredClient } from './config/corppass-client';
import { CORPPASS_ACCESS_TOKEN_TTL_SECONDS, CORPPASS_PATHS } from './constants';
import type { EntityDirectory } from './personas/entity-directory';

const CONSENT_LINES: Readonly<Record<string, string>> = {
  authinfo: 'Your roles for this entity, per e-service',
  tpauthinfo: 'Your third-party roles for client entities',
  'entity.identity': "The entity's type, registration number and country",
  'entity.basic_profile.entity_name': "The entity's name",
  'entity.basic_profile.uen_status': "The entity's UEN status",
  'user.identity': 'Your identity number, its country and your account type',
  'user.name': 'Your name',
  'user.corppass.email': 'Your Corppass email address',
};

export function createCorppassProfile(
  config: ResolvedConfig,
  entities: EntityDirectory,
): FapiProfile<CorppassRegisteredClient> {
  const issuer = config.corppassIssuer;
  return {
    name: 'corppass',
    issuer,
    paths: CORPPASS_PATHS,
    clients: config.corppassClients,
    options: config.corppass,
    signingKeyFile: 'corppass-signing-key.pem',
    accessTokenTtlSeconds: CORPPASS_ACCESS_TOKEN_TTL_SECONDS,
    echoScope: true,
    userinfoAcceptsPost: true,
    userinfoJweHeader: 'typ-jwe',
    discovery: {
      scopes_supported: [...CORPPASS_SCOPES],
      claims_supported: [
        'sub',
        'sub_type',
        'sub_attributes',
        'act',
        'aud',
        'iss',
        'iat',
        'exp',
        'nonce',
        'acr',
        'amr',
      ],
    },
    checkContextType: checkCorppassContextType,
    consentItems: (scopes) =>
      scopes.filter((scope) => scope !== 'openid').map((scope) => CONSENT_LINES[scope] ?? scope),
    entitiesOf: (nric) => entities.entitiesOf(nric).map((entity) => ({ id: entity.id, name: entity.name })),
    autoApproveEntity: (nric, preferred) => {
      const own = entities.entitiesOf(nric);
      return (own.find((entity) => entity.id === preferred) ?? own[0])?.id;
    },
    subjectOf: (_userSub, entityId) => entityId ?? '',
    // Another entity's id: an RP comparing userinfo's `sub` with the ID token's must refuse it.
    otherSubject: (sub) => entities.entities.find((entity) => entity.id !== sub)?.id ?? `${sub}0`,
    buildIdTokenClaims: (input) =>
      buildCorppassIdTokenClaims(entities, { ...input, issuer, clientId: input.client.id }),
    buildUserinfoClaims: (input) =>
      buildCorppassUserinfoClaims(entities, { ...input, issuer, clientId: input.client.id }),
  };
}
