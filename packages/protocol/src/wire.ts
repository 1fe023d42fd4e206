/** Shapes that cross a process boundary: sgID's responses and the BFF's session view for the SPA. */
import type { UserData } from './catalogue';

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

/** `GET /auth/session` for a logged-in browser. Times are ISO 8601 strings. */
export interface AuthenticatedSession {
  authenticated: true;
  sub: string;
  data: UserData;
  /** Data items sgID sent that this version's catalogue does not know, verbatim. */
  unknownData?: Record<string, string>;
  scopes: string[];
  loginAt: string;
  expiresAt: string;
  idleExpiresAt: string;
}

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
