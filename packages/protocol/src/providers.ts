/**
 * The identity providers the BFF can log people in with, and what each one's identity looks like in the
 * session the SPA reads (`GET /auth/session`). One SPA contract for all: the session names its `provider`,
 * and the SPA narrows on it. Values and types only: no I/O, no crypto.
 */

/** Every provider a BFF may enable. sgID (OIDC, client secret), Singpass and Corppass (FAPI 2.0). */
export const PROVIDER_NAMES = ['sgid', 'singpass', 'corppass'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export function isProviderName(value: string): value is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(value);
}

/** Singpass app types (SINGPASS-CORPPASS-FAPI.md §3): a Login app or a Myinfo (v5) app. */
export const SINGPASS_APP_TYPES = ['login', 'myinfo'] as const;
export type SingpassAppType = (typeof SINGPASS_APP_TYPES)[number];

/** The production and staging issuers (discovery is `<issuer>/.well-known/openid-configuration`). */
export const SINGPASS_ISSUERS = {
  production: 'https://id.singpass.gov.sg/fapi',
  staging: 'https://stg-id.singpass.gov.sg/fapi',
} as const;

/** Scopes a Singpass Login app may ask for; each fills part of the ID token's `sub_attributes` (§4.9, §5). */
export const SINGPASS_LOGIN_SCOPES = ['openid', 'user.identity', 'name', 'email', 'mobileno'] as const;

/** Context types a Login app may send at PAR; the default first (§4.1; the full list is Singpass's). */
export const SINGPASS_DEFAULT_AUTH_CONTEXT_TYPE = 'APP_AUTHENTICATION_DEFAULT';

/** Singpass levels of assurance, in `acr` (§4.9). */
export const SINGPASS_ACR = {
  loa1: 'urn:singpass:authentication:loa:1',
  loa2: 'urn:singpass:authentication:loa:2',
  loa3: 'urn:singpass:authentication:loa:3',
} as const;

/** The ID token's `sub_attributes`, typed and in camelCase; each present only when its scope was granted. */
export interface SingpassUserAttributes {
  /** `user.identity`: `standard`, or `foreign` for a Singpass Foreign Account (SFA) holder. */
  accountType?: 'standard' | 'foreign';
  /** `user.identity`: NRIC, FIN or foreign identity number. */
  identityNumber?: string;
  /** `user.identity`: two-letter country of issue; `SG` except for SFA holders. */
  identityCoi?: string;
  /** `name` */
  name?: string;
  /** `email`, when the person registered one. */
  email?: string;
  /** `mobileno`: a Singapore number without the country code; absent for SFA holders. */
  mobileNo?: string;
}

/** Fields every authenticated session carries, whatever the provider. Times are ISO 8601 strings. */
export interface SessionTimes {
  loginAt: string;
  expiresAt: string;
  idleExpiresAt: string;
}
