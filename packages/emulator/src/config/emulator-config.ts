/**
 * The emulator's configuration: what callers of `createEmulatorApp` pass, and the validated, frozen form
 * the rest of the code reads. Validation reports every problem at once (STYLE.md, fastify habit).
 */
import type { KeyObject } from 'node:crypto';
import type { DataScope } from '@sgid-bff/protocol';
import type { CorppassClientConfig, CorppassRegisteredClient } from '../corppass/config/corppass-client';
import type { FaultName } from '../faults';
import type { Persona } from '../personas/persona';
import type {
  ResolvedSingpassOptions,
  SingpassClientConfig,
  SingpassOptions,
  SingpassRegisteredClient,
} from '../singpass/config/singpass-client';

/** A registered relying party, as in sgID's developer portal (SGID-PROTOCOL.md §8). */
export interface ClientConfig {
  /** Absent or `sgid`; Singpass clients say `singpass` (SingpassClientConfig). */
  provider?: 'sgid';
  id: string;
  /** The client secret (sgID issues 32 characters). Never shown by the emulator. */
  secret: string;
  /** Shown to the user on the QR page and the consent screen. */
  name: string;
  /** Exact redirect URIs; authorize refuses any other (no prefix or pattern matching). */
  redirectUris: string[];
  /** The maximum scopes this client may request; `openid` is always allowed. */
  scopes: string[];
  /** The client's RSA public key (PEM, SPKI or PKCS#1, ≥ 2048 bits); userinfo is encrypted to it. */
  publicKey: string;
  faults?: FaultName[];
}

/** Any client in the config file: sgID's (no `provider`), Singpass's or Corppass's. */
export type AnyClientConfig = ClientConfig | SingpassClientConfig | CorppassClientConfig;

/** A persona from configuration. Record scopes may be given as arrays; they are JSON-encoded. */
export interface PersonaConfig {
  nric: string;
  summary?: string;
  /** Singpass only: a Singpass Foreign Account (SFA) holder's foreign identity number and country. */
  foreignAccount?: { identityNumber: string; identityCoi: string };
  data: Record<string, string | unknown[]>;
}

/** What `createEmulatorApp` accepts (docs/contracts.md). */
export interface EmulatorConfig {
  /** The origin the emulator is reached at; issuer = `${publicUrl}/v2`, never derived from `Host`. */
  publicUrl: string;
  clients: AnyClientConfig[];
  /** Strictness toggles of the Singpass FAPI 2.0 provider (docs/emulator.md). */
  singpass?: SingpassOptions;
  /** The same toggles for the Corppass FAPI 2.0 provider. */
  corppass?: SingpassOptions;
  /** Extra personas; the built-in ones are always present. */
  personas?: PersonaConfig[];
  /** An NRIC/FIN: authorize approves at once for that persona and answers 302 with a code. */
  autoApprove?: string;
  /**
   * Corppass: the entity (UEN or Corppass id) an auto-approved login acts for, when the `autoApprove`
   * user may act for it; otherwise the user's first entity.
   */
  autoApproveEntity?: string;
  /** Where the signing key and the pairwise-`sub` secret persist; without it they live in memory. */
  dataDir?: string;
  /** How long the `slow-*` faults wait (default 5000 ms). */
  faultDelayMs?: number;
  /** Authorization code lifetime (default 60 000 ms). */
  codeTtlMs?: number;
  /** How long a QR code / login request stays valid (default 300 000 ms). */
  qrTtlMs?: number;
  /** Access token lifetime (default 300 000 ms). */
  accessTokenTtlMs?: number;
  /** ID token lifetime (default 300 s, as in the official SDK's fixtures). */
  idTokenTtlSeconds?: number;
  /** How often the QR page polls for the user's answer (default 1000 ms). */
  pollIntervalMs?: number;
}

/** A client after validation: the public key imported once, the secret kept only as a digest. */
export interface RegisteredClient {
  readonly id: string;
  readonly name: string;
  readonly redirectUris: readonly string[];
  readonly scopes: ReadonlySet<DataScope>;
  readonly publicKey: KeyObject;
  /** SHA-256 of the secret, compared in constant time at the token endpoint. */
  readonly secretDigest: Buffer;
  readonly faults: readonly FaultName[];
}

/** The validated, frozen configuration. */
export interface ResolvedConfig {
  readonly publicUrl: string;
  readonly issuer: string;
  /** sgID clients. */
  readonly clients: ReadonlyMap<string, RegisteredClient>;
  /** Singpass FAPI 2.0 clients; ids are unique across both maps. */
  readonly singpassClients: ReadonlyMap<string, SingpassRegisteredClient>;
  /** `${publicUrl}/singpass/v3/fapi`. */
  readonly singpassIssuer: string;
  readonly singpass: ResolvedSingpassOptions;
  /** Corppass FAPI 2.0 clients; ids are unique across every provider. */
  readonly corppassClients: ReadonlyMap<string, CorppassRegisteredClient>;
  /** `${publicUrl}/corppass`. */
  readonly corppassIssuer: string;
  readonly corppass: ResolvedSingpassOptions;
  readonly personas: readonly Persona[];
  readonly autoApprove: string | undefined;
  readonly autoApproveEntity: string | undefined;
  readonly dataDir: string | undefined;
  readonly faultDelayMs: number;
  readonly codeTtlMs: number;
  readonly qrTtlMs: number;
  readonly accessTokenTtlMs: number;
  readonly idTokenTtlSeconds: number;
  readonly pollIntervalMs: number;
}
