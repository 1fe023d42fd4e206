/**
 * A Singpass FAPI 2.0 client as registered on the Singpass Developer Portal (SINGPASS-CORPPASS-FAPI.md
 * §3, §8.1): its app type, exact redirect URIs, allowed scopes, `acr_values` and context types, and its
 * public JWKS, inline or by URL. The JWKS is validated at load so a bad key fails at start-up, not at
 * the first login.
 */
import type { SingpassAppType } from '@sgid-bff/protocol';
import type { JWK } from 'jose';
import type { FaultName } from '../../faults';

/** A public JWK set as the client registers it. */
export interface ClientJwks {
  keys: JWK[];
}

/** What a config file says about a Singpass client. */
export interface SingpassClientConfig {
  provider: 'singpass';
  id: string;
  /** Shown on the QR page and the consent screen. */
  name: string;
  appType: SingpassAppType;
  /** Exact match at PAR (no prefix or pattern matching). */
  redirectUris: string[];
  /** The scopes the app may request; `openid` is always allowed. */
  scopes: string[];
  /** The client's public keys, inline… */
  jwks?: ClientJwks;
  /** …or at a URL, fetched with a 3 s timeout and cached 1 h. Exactly one of the two. */
  jwksUri?: string;
  /** `acr_values` the app is whitelisted for (default: none, so `acr_values` is refused). */
  acrValues?: string[];
  /** `authentication_context_type` values allowed (Login apps; default: every documented value). */
  contextTypes?: string[];
  /** Registered `app_launch_url`s (iOS journeys). */
  appLaunchUrls?: string[];
  faults?: FaultName[];
}

/** A Singpass client after validation. */
export interface SingpassRegisteredClient {
  readonly provider: 'singpass';
  readonly id: string;
  readonly name: string;
  readonly appType: SingpassAppType;
  readonly redirectUris: readonly string[];
  readonly scopes: ReadonlySet<string>;
  readonly jwks: Readonly<ClientJwks> | undefined;
  readonly jwksUri: string | undefined;
  readonly acrValues: ReadonlySet<string>;
  readonly contextTypes: ReadonlySet<string> | undefined;
  readonly appLaunchUrls: readonly string[];
  readonly faults: readonly FaultName[];
}

/** Strictness toggles for the Singpass provider (§8.2 rows 3, 5, 20; §8.1). */
export interface SingpassOptions {
  /** Reject a client assertion without `typ` (default false: openid-client omits it, §4.5). */
  requireAssertionTyp?: boolean;
  /** Reject a DPoP proof without `exp` (default false: openid-client omits it, §4.6). */
  requireDpopExp?: boolean;
  /** Advertise and send `iss` in the callback, RFC 9207 (default true). */
  issParameter?: boolean;
  /** The error for a token-endpoint DPoP key other than PAR's (default `invalid_grant`, §8.2 row 20). */
  dpopKeyMismatchError?: 'invalid_grant' | 'invalid_dpop_proof';
}

export interface ResolvedSingpassOptions {
  readonly requireAssertionTyp: boolean;
  readonly requireDpopExp: boolean;
  readonly issParameter: boolean;
  readonly dpopKeyMismatchError: 'invalid_grant' | 'invalid_dpop_proof';
}
