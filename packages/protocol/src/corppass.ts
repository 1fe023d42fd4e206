/**
 * Corppass (FAPI 2.0): a person acting for a business. The ID token's `sub` is the **entity** (its UEN,
 * or a Corppass id for non-UEN entities) and `act` the **acting user**; userinfo's `auth_info` (scope
 * `authinfo`) and `tp_auth_info` (`tpauthinfo`) list what the user may do for the entity, per e-service
 * (SINGPASS-CORPPASS-FAPI.md §4.9, §4.10, §5). Values and types only: no I/O, no crypto.
 */
import type { SessionTimes } from './providers';

/** The production and staging issuers (no `/fapi`: discovery is at the host's root). */
export const CORPPASS_ISSUERS = {
  production: 'https://id.corppass.gov.sg',
  staging: 'https://stg-id.corppass.gov.sg',
} as const;

/** Corppass FAPI scopes (§5). */
export const CORPPASS_SCOPES = [
  'openid',
  'authinfo',
  'tpauthinfo',
  'entity.identity',
  'entity.basic_profile.entity_name',
  'entity.basic_profile.uen_status',
  'user.identity',
  'user.name',
  'user.corppass.email',
] as const;

/** The only context type Corppass Login apps may send, and only when allow-listed. */
export const CORPPASS_DEFAULT_AUTH_CONTEXT_TYPE = 'APP_AUTHENTICATION_DEFAULT';

/** `EndDate` meaning "no end" in `auth_info`. */
export const CORPPASS_OPEN_END_DATE = '9999-12-31';

/** The entity, from the ID token's `sub` and `sub_attributes` (each attribute per granted scope). */
export interface CorppassEntity {
  /** UEN, or a Corppass-issued id for a non-UEN entity. */
  id: string;
  /** `entity.identity`: e.g. `UEN`, `NON-UEN`. */
  type?: string;
  /** `entity.identity` */
  registrationNumber?: string;
  /** `entity.identity`: two-letter country of incorporation. */
  countryOfIncorporation?: string;
  /** `entity.basic_profile.entity_name` */
  name?: string;
  /** `entity.basic_profile.uen_status`, e.g. `R` (registered). */
  uenStatus?: string;
}

/** The person acting for the entity, from the ID token's `act`. */
export interface CorppassActingUser {
  /** The user's Singpass UUID. */
  sub: string;
  /** `user.identity` */
  accountType?: string;
  identityNumber?: string;
  identityCoi?: string;
  /** `user.name` */
  name?: string;
  /** `user.corppass.email` */
  email?: string;
  emailVerified?: boolean;
}

/** One role the acting user holds for an e-service, from `auth_info` (or `tp_auth_info`). */
export interface CorppassAuthorisation {
  /** `CPESrvcID`: the e-service the role is for. */
  eServiceId: string;
  /** `CPRole` */
  role: string;
  /** YYYY-MM-DD */
  startDate: string;
  /** YYYY-MM-DD, or `null` when open-ended (`9999-12-31` on the wire). */
  endDate: string | null;
  /** `Parameter[]`: extra name/value pairs an agency attaches to the role. */
  parameters: Array<{ name: string; value: string }>;
  /** Third-party access (`tp_auth_info`): the client entity the user acts for through this entity. */
  thirdParty?: { clientEntityId: string; clientEntityType?: string };
}

/** `GET /auth/session` after a Corppass login. */
export interface CorppassSession extends SessionTimes {
  authenticated: true;
  provider: 'corppass';
  /** The entity's id (UEN or Corppass id), as the ID token's `sub`. */
  sub: string;
  scopes: string[];
  entity: CorppassEntity;
  actor: CorppassActingUser;
  /** Every authorisation Corppass sent, ended ones included (check `endDate`, or use `hasRole`). */
  authorisations: CorppassAuthorisation[];
  acr?: string;
  amr?: string[];
}

/** `auth_info` on the wire (PascalCase; may arrive as a JSON string that must be decoded once). */
export interface CorppassWireAuthInfo {
  Result_Set: {
    ESrvc_Row_Count: number;
    ESrvc_Result: Array<{
      CPESrvcID: string;
      Auth_Result_Set: {
        Row_Count: number;
        Row: Array<{
          CPEntID_SUB?: string;
          CPRole: string;
          StartDate: string;
          EndDate: string;
          Parameter?: Array<{ name: string; value: string }>;
        }>;
      };
    }>;
  };
}

/** `tp_auth_info` on the wire: as `auth_info`, each row naming the client entity (`CP_Clnt_ID`). */
export interface CorppassWireTpAuthInfo {
  Result_Set: {
    ESrvc_Row_Count: number;
    ESrvc_Result: Array<{
      CPESrvcID: string;
      Auth_Result_Set: {
        Row_Count: number;
        Row: Array<{
          CP_Clnt_ID: string;
          CP_ClntEnt_TYPE?: string;
          CPRole: string;
          StartDate: string;
          EndDate: string;
          Parameter?: Array<{ name: string; value: string }>;
        }>;
      };
    }>;
  };
}

/** Whether `authorisation` is in force on `today` (YYYY-MM-DD): started, and not ended. */
export function isAuthorisationActive(authorisation: CorppassAuthorisation, today: string): boolean {
  if (authorisation.startDate > today) return false;
  return authorisation.endDate === null || authorisation.endDate >= today;
}

/** Whether the session's acting user holds `role` for `eServiceId` on `today` (YYYY-MM-DD). */
export function hasRole(
  authorisations: readonly CorppassAuthorisation[],
  eServiceId: string,
  role: string,
  today: string,
): boolean {
  return authorisations.some(
    (a) => a.eServiceId === eServiceId && a.role === role && isAuthorisationActive(a, today),
  );
}
