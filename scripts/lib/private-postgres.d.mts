export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  dir: string;
  processes(): number[];
  signal(signal: NodeJS.Signals): void;
  start(): void;
  stop(mode?: 'smart' | 'fast' | 'immediate'): void;
  log(): string;
  destroy(): void;
}

export function findPostgresBin(name: string): string | undefined;
export function startPrivatePostgres(options: { port: number; fsync?: boolean }): PrivatePostgres;
export function missingPostgresMessage(): string;
