/** Shapes that cross a process boundary: sgID's responses and the BFF's session view for the SPA. */
import type { UserData } from './catalogue';
import type { CorppassSession } from './corppass';
import type { MyinfoPerson } from './myinfo';
import type { ProviderName, SessionTimes, SingpassAppType, SingpassUserAttributes } from './providers';

/** `POST /v2/oauth/token` success body (SGID-PROTOCOL.md §3.2). */
export interface TokenResponse {
  access_token: string;
  id_token: string;
  token_type?: string;
  expires_in?: number;
}

/** `GET /v2/oauth/userinfo` success body (SGID-PROTOCOL.md §3.3). `key`/`data` absent for openid-only. */
export interface UserinfoResponse {
  sub: string;
  key?: string;
  data?: Record<string, string>;
}

/** `GET /auth/session` after an sgID login. Times are ISO 8601 strings. */
export interface SgidSession extends SessionTimes {
  authenticated: true;
  provider: 'sgid';
  /** sgID's pairwise subject. */
  sub: string;
  data: UserData;
  /** Data items sgID sent that this version's catalogue does not know, verbatim. */
  unknownData?: Record<string, string>;
  scopes: string[];
}

/** `GET /auth/session` after a Singpass (FAPI 2.0) login. */
export interface SingpassSession extends SessionTimes {
  authenticated: true;
  provider: 'singpass';
  /** The person's Singpass UUID for this app (never the NRIC: key users on this). */
  sub: string;
  appType: SingpassAppType;
  scopes: string[];
  /** The ID token's `sub_attributes`, per granted scope. */
  user: SingpassUserAttributes;
  /** Level of assurance (`urn:singpass:authentication:loa:N`) and the factors used, from the ID token. */
  acr?: string;
  amr?: string[];
  /** Myinfo apps: the person's data from userinfo `person_info`. */
  person?: MyinfoPerson;
}

/** `GET /auth/session` for a logged-in browser: narrow on `provider`. */
export type AuthenticatedSession = SgidSession | SingpassSession | CorppassSession;

export interface AnonymousSession {
  authenticated: false;
}

export type SessionResponse = AuthenticatedSession | AnonymousSession;

/** The body of every JSON error the BFF answers. */
export interface BffErrorBody {
  code: string;
  message: string;
  requestId?: string;
}

/** `GET /auth/providers`: the providers this BFF has enabled, and the one `/auth/login` uses by default. */
export interface ProvidersResponse {
  providers: ProviderName[];
  default: ProviderName;
}
