/**
 * Who the BFF says is calling, as verified from its identity token. A union on `provider`: narrow on it
 * (`if (identity.provider === 'corppass') identity.entity…`). Every variant has the session's subject,
 * the session handle, the token's times and id, and the data items the route passes (`claims` in the
 * BFF's `API_ROUTES`) under their scope names, typed by `@sgid-bff/protocol`'s catalogue.
 */
import type { ProviderName, UserData } from '@sgid-bff/protocol';

interface IdentityBase {
  readonly provider: ProviderName;
  /**
   * The token's `sub`, unique across providers: sgID's pairwise id as is, `singpass:<uuid>`,
   * `corppass:<entity id>` — the key the BFF indexes sessions by (use it as your user key).
   */
  readonly sub: string;
  /** The provider's own subject, without the provider prefix: sgID's id, the Singpass UUID, the entity id. */
  readonly providerSub: string;
  /** `sid`: the session's public handle (stable for the session, not the cookie). */
  readonly sessionId: string;
  /** `iss`: the BFF's PUBLIC_URL origin. */
  readonly issuer: string;
  /** `aud`: the route this token was made for. */
  readonly audience: string | readonly string[];
  /** `iat` and `exp`, in seconds since the epoch. */
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** `jti`: unique per token (for replay caches, if your API keeps one). */
  readonly tokenId: string;
  /** The data items the route lists in `claims`, under their scope names (`data['myinfo.name']`). */
  readonly data: UserData;
  /** The whole verified payload, for claims this package does not type. */
  readonly claims: Readonly<Record<string, unknown>>;
}

export interface SgidIdentity extends IdentityBase {
  readonly provider: 'sgid';
}

export interface SingpassIdentity extends IdentityBase {
  readonly provider: 'singpass';
}

/** A Corppass role the route required and the acting user holds (the token's `roles`). */
export interface CorppassRole {
  readonly eService: string;
  readonly role: string;
}

export interface CorppassIdentity extends IdentityBase {
  readonly provider: 'corppass';
  /** The business the user acts for (`entity`): `id` is the UEN or Corppass id, also `providerSub`. */
  readonly entity: { readonly id: string; readonly type?: string; readonly name?: string } | undefined;
  /** The person acting (`act`): their Singpass UUID and name. */
  readonly actor: { readonly sub: string; readonly name?: string } | undefined;
  /** The route's required roles the user holds today; empty when the route requires none. */
  readonly roles: readonly CorppassRole[];
}

export type Identity = SgidIdentity | SingpassIdentity | CorppassIdentity;
