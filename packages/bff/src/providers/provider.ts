/**
 * The one interface between the provider-blind BFF (login transactions, callback, sessions, cookies, CSRF,
 * proxy, stores) and each identity provider's room (`providers/sgid/`, `providers/singpass/`, …).
 *
 * A provider owns its configuration, what its login transaction must remember (`providerData`), its
 * `completeLogin` (code exchange, ID-token and userinfo checks, decryption) and its typed identity. The
 * shared layer owns `state`, `nonce` and the PKCE verifier (CSPRNG, 256 bits each), stores the transaction
 * with the provider's name and issuer (mix-up defence), checks the callback arrived on this provider's
 * redirect URI and that an RFC 9207 `iss`, when present, equals `issuer`, and only then calls
 * `completeLogin` of the provider the transaction names.
 */
import type {
  CorppassActingUser,
  CorppassAuthorisation,
  CorppassEntity,
  MyinfoPerson,
  ProviderName,
  SingpassAppType,
  SingpassUserAttributes,
  UserData,
} from '@sgid-bff/protocol';

/** Fresh per-login secrets, made by the shared login layer. */
export interface LoginSecrets {
  /** 43-character base64url, 256 bits from a CSPRNG. Sent to the provider; only its hash is stored. */
  readonly state: string;
  readonly nonce: string;
  /** PKCE verifier (43 base64url characters); the provider sends its S256 challenge. */
  readonly codeVerifier: string;
}

/** What the shared layer hands back to the provider at the callback, from the transaction it consumed. */
export interface LoginCallback extends LoginSecrets {
  readonly code: string;
  /** The scopes asked for at login. */
  readonly scopes: readonly string[];
  /** Whatever `beginLogin` answered as `providerData`, as stored (JSON round-tripped). */
  readonly providerData: unknown;
}

/** sgID: the pairwise `sub` and the catalogue-parsed data. */
export interface SgidIdentity {
  readonly provider: 'sgid';
  readonly sub: string;
  readonly data: UserData;
  /** Scopes the catalogue does not know, kept verbatim so a new sgID scope never breaks logins. */
  readonly unknownData: Record<string, string>;
  readonly scopes: string[];
}

/** Singpass (FAPI 2.0): the UUID `sub`, `sub_attributes`, assurance, and Myinfo data for Myinfo apps. */
export interface SingpassIdentity {
  readonly provider: 'singpass';
  readonly sub: string;
  readonly appType: SingpassAppType;
  readonly scopes: string[];
  readonly user: SingpassUserAttributes;
  readonly acr?: string;
  readonly amr?: string[];
  readonly person?: MyinfoPerson;
}

/**
 * Corppass (FAPI 2.0): a person acting for a business. `sub` is the **entity** (UEN or Corppass id), `actor`
 * the acting user (the ID token's `act`), `authorisations` their roles from userinfo `auth_info` and
 * `tp_auth_info` (empty unless `authinfo`/`tpauthinfo` was asked for).
 */
export interface CorppassIdentity {
  readonly provider: 'corppass';
  readonly sub: string;
  readonly scopes: string[];
  readonly entity: CorppassEntity;
  readonly actor: CorppassActingUser;
  readonly authorisations: CorppassAuthorisation[];
  readonly acr?: string;
  readonly amr?: string[];
}

/** Who logged in, per provider; the session stores it and `GET /auth/session` serves it. */
export type ProviderIdentity = SgidIdentity | SingpassIdentity | CorppassIdentity;

/** One provider's room, as the shared layer sees it. */
export interface LoginProvider {
  readonly name: ProviderName;
  /** The exact issuer this provider's ID tokens carry; stored in each transaction (mix-up defence). */
  readonly issuer: string;
  /** This provider's own callback URL (absolute), e.g. `https://app.gov.sg/auth/callback/singpass`. */
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  /**
   * Start a login: answers the URL to send the browser to. May call the provider first (Singpass and
   * Corppass push the request: PAR). `providerData` is JSON-serialisable and is kept server-side in the
   * login transaction until the callback (e.g. the per-login DPoP private key). Failures throw
   * `BffServerError` with a provider code (`BFF_PROVIDER_ERROR`, `BFF_PROVIDER_TIMEOUT`, …).
   */
  beginLogin(secrets: LoginSecrets): Promise<{ url: string; providerData?: unknown }>;
  /** Exchange the code and check everything; answers the identity or throws `BffServerError`. */
  completeLogin(callback: LoginCallback): Promise<ProviderIdentity>;
}
