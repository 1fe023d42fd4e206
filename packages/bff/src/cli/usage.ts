/**
 * `sgid-bff --help` and the parsing of argv. The BFF takes its configuration from environment variables
 * only; the variable list is generated from the config schema (`listEnvVariables`), so it cannot drift.
 * Rules: a wrong command or flag is one line naming it, then the usage, exit 2; never a stack trace.
 */
import { parseArgs } from 'node:util';
import { listEnvVariables } from '../config';

export type BffCommand =
  | { kind: 'start' }
  | { kind: 'doctor' }
  | { kind: 'migrate' }
  | { kind: 'help' }
  | { kind: 'usage-error'; message: string };

const COMMANDS = {
  start: 'start the server (the default when no command is given)',
  doctor: 'check the configuration, the private key, the store and the sgID provider; exit 1 on a failure',
  migrate: 'bring the PostgreSQL schema up to date (SESSION_STORE=postgres; starting does it too)',
} as const;

/** Read `process.argv.slice(2)`. */
export function parseBffCommand(argv: readonly string[]): BffCommand {
  let parsed: { values: { help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // node:util's messages name the flag ("Unknown option '--prot'"); its hint about '--' does not apply.
    const message = (error instanceof Error ? error.message : String(error)).split('. To specify')[0];
    return { kind: 'usage-error', message: message ?? 'invalid arguments' };
  }
  if (parsed.values.help) return { kind: 'help' };
  const [command = 'start', ...extra] = parsed.positionals;
  if (command !== 'start' && command !== 'doctor' && command !== 'migrate')
    return { kind: 'usage-error', message: `unknown command '${command}'` };
  if (extra.length > 0) return { kind: 'usage-error', message: `unexpected argument '${extra[0]}'` };
  return { kind: command };
}

/**
 * The help: commands, options, and (with `variables`) every environment variable with what applies when
 * unset. After a usage error the variables are left out: forty lines would bury the one that matters.
 */
export function formatBffUsage(options: { variables: boolean }): string {
  const lines = [
    'Usage: sgid-bff [start | doctor | migrate] [-h | --help]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, text]) => `  ${name.padEnd(8)}${text}`),
    '',
    'Options:',
    '  -h, --help  print this help (with every environment variable) and exit',
    '',
  ];
  if (!options.variables)
    return [...lines, 'Configuration: environment variables; sgid-bff --help lists them.', ''].join('\n');
  const variables = listEnvVariables();
  const width = Math.max(...variables.map((v) => v.name.length)) + 2;
  return [
    ...lines,
    'Configuration is read from environment variables only (docs/configuration.md describes each):',
    ...variables.map((v) => `  ${v.name.padEnd(width)}${v.whenUnset}`),
    '',
  ].join('\n');
}
