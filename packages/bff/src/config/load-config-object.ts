/**
 * `loadConfigObject`: the configuration as an object keyed by the documented variable names (the mounted
 * BFF's form, docs/embedding.md), validated by the same pass as the environment (`loadConfig`):
 * - a value may be a string, a number or a boolean (written as the environment would hold it);
 * - a key that is not a variable is a problem (`CONFIG_UNKNOWN_VARIABLE`), not silently ignored: a
 *   misspelt `SGID_CLIENTID` would otherwise leave its variable at its default;
 * - an `env` passed too is read under the object (the object wins); nothing reads `process.env` unless
 *   the caller passes it;
 * - every problem of the object and of the schema comes in one `ConfigError`.
 */
import type { BffConfig } from './bff-config';
import { ConfigError, type ConfigProblem } from './config-error';
import { loadConfig } from './load-config';
import { type EnvVariable, VARIABLES } from './variables';

/** The configuration as an object: the documented variables (docs/configuration.md), all optional. */
export type BffConfigInput = { readonly [K in EnvVariable]?: string | number | boolean | undefined };

export function loadConfigObject(
  input: BffConfigInput,
  env: Readonly<Record<string, string | undefined>> = {},
): BffConfig {
  const problems: ConfigProblem[] = [];
  const values: Record<string, string | undefined> = { ...env };
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (!Object.hasOwn(VARIABLES, key)) {
      problems.push({
        variable: key,
        code: 'CONFIG_UNKNOWN_VARIABLE',
        message: 'is not a configuration variable (docs/configuration.md lists them)',
      });
    } else if (value === undefined) {
      values[key] = undefined;
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      values[key] = String(value);
    } else {
      problems.push({
        variable: key,
        code: 'CONFIG_INVALID',
        message: 'must be a string, number or boolean',
      });
      values[key] = undefined;
    }
  }
  try {
    const config = loadConfig(values);
    if (problems.length > 0) throw new ConfigError(problems);
    return config;
  } catch (error) {
    if (!(error instanceof ConfigError) || problems.length === 0) throw error;
    const seen = new Set(problems.map((p) => p.variable));
    // A value of the wrong type was dropped above: its variable's own "required" report would repeat it.
    throw new ConfigError([
      ...problems,
      ...error.details.filter(
        (d) => !problems.includes(d) && !(seen.has(d.variable) && d.code === 'CONFIG_REQUIRED'),
      ),
    ]);
  }
}
