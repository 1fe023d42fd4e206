/**
 * The Singpass FAPI 2.0 provider's fixed values (SINGPASS-CORPPASS-FAPI.md §2, §4, §8.1): paths under the
 * issuer (MockPass's `/singpass/v3/fapi`, so users can switch), algorithms and lifetimes.
 */

/** The issuer is `${publicUrl}${SINGPASS_BASE_PATH}` exactly. */
export const SINGPASS_BASE_PATH = '/singpass/v3/fapi';

export const SINGPASS_PATHS = {
  discovery: `${SINGPASS_BASE_PATH}/.well-known/openid-configuration`,
  jwks: `${SINGPASS_BASE_PATH}/.well-known/keys`,
  par: `${SINGPASS_BASE_PATH}/par`,
  authorize: `${SINGPASS_BASE_PATH}/auth`,
  token: `${SINGPASS_BASE_PATH}/token`,
  userinfo: `${SINGPASS_BASE_PATH}/userinfo`,
} as const;

/** Client assertion and DPoP proof algorithms (§4.5, §4.6). */
export const SINGPASS_JWS_ALGS = ['ES256', 'ES384', 'ES512'] as const;
/** Key wrap of the ID token and userinfo JWEs; an enc key's `alg` must be one of them (§3). */
export const SINGPASS_ENC_KEY_ALGS = ['ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'] as const;
export const ID_TOKEN_ENC = 'A256CBC-HS512';
export const USERINFO_ENC = 'A256GCM';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:';

/** Lifetimes in seconds (§4.2, §4.7, §4.8, §4.9). */
export const PAR_TTL_SECONDS = 60;
export const CODE_TTL_SECONDS = 60;
export const ACCESS_TOKEN_TTL_SECONDS = 1800;
export const ID_TOKEN_TTL_SECONDS = 600;

/** Clock leeways (§8.2 rows 3 and 5): past `exp` tolerated, future `iat` tolerated, DPoP age. */
export const EXP_LEEWAY_SECONDS = 30;
export const FUTURE_IAT_LEEWAY_SECONDS = 10;
export const MAX_ASSERTION_LIFETIME_SECONDS = 120;
export const DPOP_MAX_AGE_SECONDS = 120;
export const DPOP_JTI_WINDOW_SECONDS = 130;

/** `authentication_context_type` values for Login apps (§4.1). Sector-specific families by prefix. */
export const APP_CONTEXT_TYPES = [
  'APP_AUTHENTICATION_DEFAULT',
  'APP_PAYMENT_DEFAULT',
  'APP_ACCOUNT_PASSWORD_CHANGE_DEFAULT',
  'APP_ACCOUNT_PASSWORD_RESET_DEFAULT',
  'APP_ACCOUNT_DETAILS_CHANGE_DEFAULT',
  'APP_ONBOARDING_DEFAULT',
] as const;
export const SECTOR_CONTEXT_TYPE_PATTERN = /^(CPF|BANK|FI|TELCO)_[A-Z_]{1,60}$/;
