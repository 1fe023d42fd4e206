/**
 * The Corppass FAPI 2.0 provider's fixed values (SINGPASS-CORPPASS-FAPI.md §2, §4.8): its issuer path and
 * Corppass's own endpoint names under it, and the 10-minute access token. Everything else (algorithms,
 * code and PAR lifetimes, leeways) is the shared FAPI core's (`../singpass/constants.ts`).
 */

/** The issuer is `${publicUrl}${CORPPASS_BASE_PATH}` exactly. */
export const CORPPASS_BASE_PATH = '/corppass';

export const CORPPASS_PATHS = {
  discovery: `${CORPPASS_BASE_PATH}/.well-known/openid-configuration`,
  jwks: `${CORPPASS_BASE_PATH}/.well-known/keys`,
  par: `${CORPPASS_BASE_PATH}/request`,
  authorize: `${CORPPASS_BASE_PATH}/mga/sps/oauth/oauth20/authorize`,
  token: `${CORPPASS_BASE_PATH}/mga/sps/oauth/oauth20/token`,
  userinfo: `${CORPPASS_BASE_PATH}/userinfo`,
} as const;

/** Corppass access tokens live 10 minutes [CP-AT] (Singpass: 30). */
export const CORPPASS_ACCESS_TOKEN_TTL_SECONDS = 600;
