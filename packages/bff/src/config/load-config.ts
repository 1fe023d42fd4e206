/**
 * `loadConfig`: one validate-report-freeze pass over environment variables (fastify's way):
 * 1. every variable through its own schema (variables.ts);
 * 2. every rule between variables whose inputs parsed (rules.ts), production refusals included;
 * 3. when nothing failed, the frozen `BffConfig` (bff-config.ts); otherwise one `ConfigError` with every
 *    problem of steps 1 and 2, each naming its variable and carrying a stable code.
 * Only this and `main` read the environment; tests pass literals.
 */
import { type BffConfig, buildConfig, deepFreeze } from './bff-config';
import { ConfigError, type ConfigProblem } from './config-error';
import { checkRules, redirectUriOf } from './rules';
import { type EnvVariable, type ParsedEnv, VARIABLES } from './variables';

/** Read the configuration from an environment-like record (`process.env` in `main`, literals in tests). */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): BffConfig {
  const problems: ConfigProblem[] = [];
  const parsed: Partial<Record<EnvVariable, unknown>> = {};
  for (const name of Object.keys(VARIABLES) as EnvVariable[]) {
    const raw = env[name] === '' ? undefined : (env[name] ?? VARIABLES[name].default);
    const result = VARIABLES[name].schema.safeParse(raw);
    if (result.success) parsed[name] = result.data;
    else
      for (const issue of result.error.issues)
        problems.push({
          variable: name,
          code: raw === undefined ? 'CONFIG_REQUIRED' : 'CONFIG_INVALID',
          message: issue.message,
        });
  }
  const rules = checkRules(parsed as Partial<ParsedEnv>);
  problems.push(...rules.problems);
  if (problems.length > 0) throw new ConfigError(problems);
  const values = parsed as ParsedEnv;
  return deepFreeze(buildConfig(values, redirectUriOf(values), rules.warnings));
}
