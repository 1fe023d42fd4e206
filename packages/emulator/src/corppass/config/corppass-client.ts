/**
 * A Corppass FAPI 2.0 client as registered on the Corppass Developer Portal (SINGPASS-CORPPASS-FAPI.md §3,
 * §8.1): app type (`login`; `myinfo_business` is accepted but only Login is emulated fully), exact redirect
 * URIs, scopes from `CORPPASS_SCOPES`, the JWKS inline or by URL (validated as Singpass's), and the
 * optional context-type allow-list (only `APP_AUTHENTICATION_DEFAULT`).
 */
import type { FaultName } from '../../faults';
import type { ClientJwks } from '../../singpass/config/singpass-client';
import type { FapiRegisteredClient } from '../../singpass/fapi-profile';

export type CorppassAppType = 'login' | 'myinfo_business';

/** What a config file says about a Corppass client. */
export interface CorppassClientConfig {
  provider: 'corppass';
  id: string;
  /** Shown on the QR page and the consent screen. */
  name: string;
  appType: CorppassAppType;
  /** Exact match at PAR. */
  redirectUris: string[];
  /** From `CORPPASS_SCOPES`; `openid` is always allowed. */
  scopes: string[];
  jwks?: ClientJwks;
  jwksUri?: string;
  /**
   * The context-type allow-list (Login apps): `["APP_AUTHENTICATION_DEFAULT"]` makes
   * `authentication_context_type` required at PAR; without it, sending one is refused.
   */
  contextTypes?: string[];
  faults?: FaultName[];
}

export interface CorppassRegisteredClient extends FapiRegisteredClient {
  readonly provider: 'corppass';
  readonly appType: CorppassAppType;
}
