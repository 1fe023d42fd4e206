/**
 * What `loadConfig` reports: every problem of one load at once, each naming its variable and carrying a
 * stable code (docs/configuration.md lists them), so scripts and `sgid-bff doctor` need not parse text.
 */
import { SINGPASS_KEY_PROBLEM_CODES } from './singpass-keys';
import type { EnvVariable } from './variables';

export const CONFIG_PROBLEM_CODES = {
  /** A required variable is unset (or empty). */
  CONFIG_REQUIRED: 'a required variable is unset',
  /** A variable's value does not parse, or is out of range. */
  CONFIG_INVALID: 'a value does not parse or is out of range',
  /** Two or more variables contradict each other (the problem names the one to change). */
  CONFIG_CONFLICT: 'variables contradict each other',
  /** A development convenience under `NODE_ENV=production`. */
  CONFIG_REFUSED_IN_PRODUCTION: 'a development convenience under NODE_ENV=production',
  /** Part of a provider's group is set, but not all it needs (e.g. `SGID_CLIENT_SECRET` without `SGID_CLIENT_ID`). */
  CONFIG_INCOMPLETE_GROUP: "part of a provider's variables is set, not all it needs",
  /** No provider is enabled: set `SGID_CLIENT_ID` or `SINGPASS_CLIENT_ID` (with their groups). */
  CONFIG_NO_PROVIDER: 'no login provider is enabled',
  /** A key of the configuration object (`loadConfigObject`, the mounted BFF) that is not a variable. */
  CONFIG_UNKNOWN_VARIABLE: 'a configuration object names no such variable',
  /** `SINGPASS_KEYS` rules (singpass-keys.ts), one code per rule. */
  ...SINGPASS_KEY_PROBLEM_CODES,
} as const;

export function isConfigProblemCode(value: unknown): value is ConfigProblemCode {
  return typeof value === 'string' && Object.hasOwn(CONFIG_PROBLEM_CODES, value);
}

export type ConfigProblemCode = keyof typeof CONFIG_PROBLEM_CODES;

export interface ConfigProblem {
  /** The variable to change; for `CONFIG_UNKNOWN_VARIABLE`, the unknown key as written. */
  readonly variable: EnvVariable | (string & {});
  readonly code: ConfigProblemCode;
  /** Without the variable name; `problems` holds `VARIABLE: message`. */
  readonly message: string;
}

/** Thrown by `loadConfig`; `problems` holds every problem, each starting with its variable name. */
export class ConfigError extends Error {
  /** `VARIABLE: message`, one per problem, in the order `details` has them. */
  readonly problems: readonly string[];
  readonly details: readonly ConfigProblem[];
  constructor(details: ConfigProblem[]) {
    const problems = details.map((d) => `${d.variable}: ${d.message}`);
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
    this.details = details;
  }
}
