/**
 * `loadConfig`: one validate-report-freeze pass over environment variables (fastify's way):
 * 1. every variable through its own schema (variables.ts);
 * 2. every provider's group of variables (provider-groups.ts: all or nothing, at least one provider, the
 *    default one enabled) and every rule between variables whose inputs parsed (rules.ts), production
 *    refusals included;
 * 3. when nothing failed, the frozen `BffConfig` (bff-config.ts); otherwise one `ConfigError` with every
 *    problem of steps 1 and 2, each naming its variable and carrying a stable code.
 * Only this and `main` read the environment; tests pass literals.
 */
import { type BffConfig, buildConfig, deepFreeze } from './bff-config';
import { ConfigError, type ConfigProblem, isConfigProblemCode } from './config-error';
import { checkProviderGroups } from './provider-groups';
import { checkRules } from './rules';
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
      for (const issue of result.error.issues) {
        // A rule with its own code (SINGPASS_KEYS) carries it in the issue's params.
        const own =
          issue.code === 'custom' ? (issue.params as { problemCode?: unknown } | undefined) : undefined;
        problems.push({
          variable: name,
          code: isConfigProblemCode(own?.problemCode)
            ? own.problemCode
            : raw === undefined
              ? 'CONFIG_REQUIRED'
              : 'CONFIG_INVALID',
          message: issue.message,
        });
      }
  }
  // Which variables were set, not defaulted: a provider's group is judged by what the operator wrote.
  const isSet = (name: EnvVariable) => env[name] !== undefined && env[name] !== '';
  const groups = checkProviderGroups(parsed as Partial<ParsedEnv>, isSet);
  problems.push(...groups);
  const rules = checkRules(parsed as Partial<ParsedEnv>);
  problems.push(...rules.problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(buildConfig(parsed as ParsedEnv, rules.warnings));
}
