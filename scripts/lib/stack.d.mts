import type { ChildProcess } from 'node:child_process';

export const DEV_SCOPES: string[];
export interface DevClient {
  id: string;
  name: string;
  secret: string;
  privateKey: string;
  publicKey: string;
}
export function ensureDevClient(dataDir: string): DevClient;
export const DEV_SINGPASS_SCOPES: string[];
export interface DevSingpassClient {
  id: string;
  name: string;
  /** The private JWKS (SINGPASS_KEYS). */
  keys: { keys: Record<string, string>[] };
  publicKeys: { keys: Record<string, string>[] };
}
export function ensureDevSingpassClient(dataDir: string): DevSingpassClient;
export const DEV_CORPPASS_SCOPES: string[];
export function ensureDevCorppassClient(dataDir: string): DevSingpassClient;
export interface Stack {
  bffUrl: string;
  emulatorUrl: string;
  client: DevClient;
  singpass: DevSingpassClient;
  corppass: DevSingpassClient;
  stop(): Promise<unknown>;
  processes: { bff: ChildProcess; emulator: ChildProcess; demoApi: ChildProcess };
}
export function startStack(options: {
  dataDir: string;
  bffPort?: number;
  emulatorPort?: number;
  demoApiPort?: number;
  publicHost?: string;
  publicUrl?: string;
  bffEnv?: Record<string, string>;
  emulatorArgs?: string[];
  /** Extra top-level fields of the emulator's config file (e.g. `qrTtlMs`). */
  emulatorConfig?: Record<string, unknown>;
  log?: (s: string) => void;
}): Promise<Stack>;
