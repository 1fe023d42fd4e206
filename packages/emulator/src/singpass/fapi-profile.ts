/**
 * The FAPI 2.0 core is one set of checks, stores and routes (this folder) driven by a provider profile:
 * Singpass (`singpass-profile.ts`) and Corppass (`../corppass/corppass-profile.ts`) differ only in what a
 * profile says (SINGPASS-CORPPASS-FAPI.md §2–§5, §8): issuer and endpoint paths, the access-token
 * lifetime, the context-type rule, the claims, the userinfo payload and method, and the scope catalogue.
 */
import type { JWTPayload } from 'jose';
import type { Params } from '../checks/read-param';
import type { FaultName } from '../faults';
import type { Persona } from '../personas/persona';
import type { ClientJwks, ResolvedSingpassOptions } from './config/singpass-client';
import type { FapiAccessGrant, FapiCode } from './state/fapi-store';

/** What every FAPI client registration has, whichever provider (§3, §8.1). */
export interface FapiRegisteredClient {
  readonly provider: 'singpass' | 'corppass';
  readonly id: string;
  readonly name: string;
  readonly appType: string;
  readonly redirectUris: readonly string[];
  readonly scopes: ReadonlySet<string>;
  readonly jwks: Readonly<ClientJwks> | undefined;
  readonly jwksUri: string | undefined;
  readonly acrValues: ReadonlySet<string>;
  readonly contextTypes: ReadonlySet<string> | undefined;
  readonly appLaunchUrls: readonly string[];
  readonly faults: readonly FaultName[];
}

/** Absolute request paths (the issuer's path prefix included). */
export interface FapiPaths {
  readonly discovery: string;
  readonly jwks: string;
  readonly par: string;
  readonly authorize: string;
  readonly token: string;
  readonly userinfo: string;
}

/** An entity the acting user may choose on the simulated app (Corppass). */
export interface ActingForChoice {
  readonly id: string;
  readonly name: string;
}

export interface ClaimsInput<C extends FapiRegisteredClient> {
  readonly client: C;
  readonly persona: Persona;
  /** The provider's `sub` for this login (Singpass: the user's UUID; Corppass: the entity id). */
  readonly sub: string;
  /** The user's Singpass UUID at this client (`act.sub` for Corppass). */
  readonly userSub: string;
  /** Corppass: the entity chosen on the app. */
  readonly entityId: string | undefined;
  readonly scopes: readonly string[];
  /** Seconds since the epoch. */
  readonly now: number;
  readonly faults: ReadonlySet<FaultName>;
}

export interface FapiProfile<C extends FapiRegisteredClient> {
  readonly name: 'singpass' | 'corppass';
  readonly issuer: string;
  readonly paths: FapiPaths;
  readonly clients: ReadonlyMap<string, C>;
  readonly options: ResolvedSingpassOptions;
  /** The OP signing key's file in the data directory: each provider publishes its own JWKS. */
  readonly signingKeyFile: string;
  readonly accessTokenTtlSeconds: number;
  /** Corppass echoes `scope` in the token answer (§4.8). */
  readonly echoScope: boolean;
  /** Corppass also accepts a form POST at userinfo (§4.10). */
  readonly userinfoAcceptsPost: boolean;
  /** Corppass's userinfo JWE header is `typ: JWE` without `cty` (§4.10); Singpass's has `cty: JWT`. */
  readonly userinfoJweHeader: 'cty-jwt' | 'typ-jwe';
  /** Provider-specific discovery fields: scopes, claims, acr values (§8.1). */
  readonly discovery: Readonly<Record<string, unknown>>;
  /** PAR `authentication_context_*` (§4.1; §8.2 row 12). */
  checkContextType(client: C, params: Params): void;
  /** One plain line per requested scope, for the consent screen. */
  consentItems(scopes: readonly string[]): string[];
  /** Corppass: whom the user may act for; the app offers a choice when there are several. */
  entitiesOf?(nric: string): readonly ActingForChoice[];
  /** The entity an auto-approved login acts for (`autoApproveEntity`, else the user's first one). */
  autoApproveEntity?(nric: string, preferred: string | undefined): string | undefined;
  /** The ID token's `sub` for this login. */
  subjectOf(userSub: string, entityId: string | undefined): string;
  /** A well-formed `sub` that is not this login's (the `sub-mismatch` fault). */
  otherSubject(sub: string): string;
  buildIdTokenClaims(input: ClaimsInput<C> & { nonce: string; acrValues: readonly string[] }): JWTPayload;
  /** The userinfo payload beyond `sub`, `aud`, `iss`, `iat`; may refuse (e.g. an SFA holder on Myinfo). */
  buildUserinfoClaims(input: ClaimsInput<C>): Record<string, unknown>;
}

export type { FapiAccessGrant, FapiCode };
