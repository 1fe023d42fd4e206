/**
 * Which providers are enabled (ARCHITECTURE.md: providers are rooms, each with its own variables):
 * - a provider is enabled when its client id is set (`SGID_CLIENT_ID`, `SINGPASS_CLIENT_ID`, `CORPPASS_CLIENT_ID`); its group is
 *   all or nothing: a member it needs missing, or a member set without the client id, is
 *   `CONFIG_INCOMPLETE_GROUP`, filed under the variable to set;
 * - at least one provider is enabled (`CONFIG_NO_PROVIDER`, filed under `SGID_CLIENT_ID`);
 * - `DEFAULT_PROVIDER` names an enabled provider (`CONFIG_CONFLICT`); unset, it is the only enabled one,
 *   else sgID.
 * Groups are judged by what the operator set, not by defaults, hence `isSet`.
 */
import type { ProviderName } from '@sgid-bff/protocol';
import type { ConfigProblem } from './config-error';
import type { EnvVariable, ParsedEnv } from './variables';

interface Group {
  readonly provider: ProviderName;
  readonly clientId: EnvVariable;
  /** Needed once the provider is enabled. */
  readonly required: readonly EnvVariable[];
  /** Meaningless without the client id (variables with a default are not listed: they are always "set"). */
  readonly members: readonly EnvVariable[];
}

export const PROVIDER_GROUPS: readonly Group[] = [
  {
    provider: 'sgid',
    clientId: 'SGID_CLIENT_ID',
    required: ['SGID_CLIENT_SECRET', 'SGID_PRIVATE_KEY'],
    members: ['SGID_CLIENT_SECRET', 'SGID_PRIVATE_KEY', 'SGID_REDIRECT_URI'],
  },
  {
    provider: 'singpass',
    clientId: 'SINGPASS_CLIENT_ID',
    required: ['SINGPASS_KEYS'],
    members: ['SINGPASS_KEYS', 'SINGPASS_REDIRECT_URI', 'SINGPASS_SCOPES', 'SINGPASS_AUTH_CONTEXT_TYPE'],
  },
  {
    provider: 'corppass',
    clientId: 'CORPPASS_CLIENT_ID',
    required: ['CORPPASS_KEYS'],
    members: ['CORPPASS_KEYS', 'CORPPASS_REDIRECT_URI', 'CORPPASS_SCOPES', 'CORPPASS_AUTH_CONTEXT_TYPE'],
  },
];

/** The providers whose client id is set, in `PROVIDER_GROUPS` order. */
export function enabledProvidersOf(env: Partial<ParsedEnv>): ProviderName[] {
  return PROVIDER_GROUPS.filter((g) => env[g.clientId] !== undefined).map((g) => g.provider);
}

/** `DEFAULT_PROVIDER`, else the only enabled provider, else sgID. */
export function defaultProviderOf(env: Partial<ParsedEnv>): ProviderName {
  const enabled = enabledProvidersOf(env);
  return env.DEFAULT_PROVIDER ?? (enabled.length === 1 && enabled[0] ? enabled[0] : 'sgid');
}

export function checkProviderGroups(
  parsed: Partial<ParsedEnv>,
  isSet: (name: EnvVariable) => boolean,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const group of PROVIDER_GROUPS) {
    if (isSet(group.clientId)) {
      for (const name of group.required.filter((n) => !isSet(n)))
        problems.push({
          variable: name,
          code: 'CONFIG_INCOMPLETE_GROUP',
          message: `is required when ${group.clientId} is set`,
        });
      continue;
    }
    const strays = group.members.filter(isSet);
    if (strays.length > 0)
      problems.push({
        variable: group.clientId,
        code: 'CONFIG_INCOMPLETE_GROUP',
        message: `is required when ${strays.join(', ')} ${strays.length > 1 ? 'are' : 'is'} set (set the whole group, or none of it)`,
      });
  }
  // A Myinfo app's scopes are what its portal registration approved: no default can guess them.
  if (isSet('SINGPASS_CLIENT_ID') && parsed.SINGPASS_APP_TYPE === 'myinfo' && !isSet('SINGPASS_SCOPES'))
    problems.push({
      variable: 'SINGPASS_SCOPES',
      code: 'CONFIG_REQUIRED',
      message:
        'is required for a Myinfo app (SINGPASS_APP_TYPE=myinfo): openid and the approved Myinfo scopes',
    });
  const anySet = PROVIDER_GROUPS.some((g) => isSet(g.clientId) || g.members.some(isSet));
  if (!anySet)
    problems.push({
      variable: 'SGID_CLIENT_ID',
      code: 'CONFIG_NO_PROVIDER',
      message: `no login provider is enabled: set ${PROVIDER_GROUPS.map((g) => g.clientId).join(' or ')} (with the rest of its group)`,
    });
  const enabled = enabledProvidersOf(parsed);
  if (
    parsed.DEFAULT_PROVIDER !== undefined &&
    enabled.length > 0 &&
    !enabled.includes(parsed.DEFAULT_PROVIDER)
  )
    problems.push({
      variable: 'DEFAULT_PROVIDER',
      code: 'CONFIG_CONFLICT',
      message: `names ${parsed.DEFAULT_PROVIDER}, which is not enabled (enabled: ${enabled.join(', ')})`,
    });
  return problems;
}
