/**
 * The options of the `sgid-emulator` command, in one table that both the argv parser and `--help` read,
 * so the help cannot drift from what is accepted. Rules: a wrong flag or value is one line naming it, then
 * the usage, exit 2; never a stack trace. The emulator reads no environment variables.
 */
import { parseArgs } from 'node:util';

interface OptionSpec {
  /** Placeholder for the value; absent for a boolean flag. */
  value?: string;
  short?: string;
  default?: string;
  description: string;
}

export const CLI_OPTIONS = {
  port: { value: 'PORT', default: '5156', description: 'TCP port (0-65535; 0 picks a free one)' },
  host: { value: 'HOST', default: '127.0.0.1', description: 'interface to bind; keep it on loopback' },
  'public-url': {
    value: 'URL',
    default: 'http://<host>:<port>',
    description: 'the origin clients use; the issuer is <public-url>/v2',
  },
  config: { value: 'FILE', description: 'JSON file with clients and personas (docs/emulator.md)' },
  'auto-approve': { value: 'NRIC', description: 'approve every login at once as this persona (scripts, CI)' },
  'data-dir': {
    value: 'DIR',
    default: '.data/emulator',
    description: 'where the signing key and sub secret persist',
  },
  help: { short: 'h', description: 'print this help and exit' },
} as const satisfies Record<string, OptionSpec>;

export type CliValues = {
  [K in keyof typeof CLI_OPTIONS]?: (typeof CLI_OPTIONS)[K] extends { value: string } ? string : boolean;
};

export type CliParse = { ok: true; values: CliValues; port: number } | { ok: false; message: string };

/** Parse `process.argv.slice(2)`; every wrong flag or value is a message naming it. */
export function parseCliArgs(argv: readonly string[]): CliParse {
  const options = Object.fromEntries(
    Object.entries(CLI_OPTIONS).map(([name, spec]: [string, OptionSpec]) => [
      name,
      { type: spec.value === undefined ? 'boolean' : 'string', ...(spec.short ? { short: spec.short } : {}) },
    ]),
  ) as Record<string, { type: 'string' | 'boolean'; short?: string }>;
  let values: CliValues;
  try {
    values = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false })
      .values as CliValues;
  } catch (error) {
    // node:util names the flag ("Unknown option '--prot'"); its hint about '--' does not apply here.
    const message = (error instanceof Error ? error.message : String(error)).split('. To specify')[0];
    return { ok: false, message: message || 'invalid arguments' };
  }
  const portText = values.port ?? CLI_OPTIONS.port.default;
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 0 && port <= 65_535))
    return { ok: false, message: `--port must be 0-65535, not '${portText}'` };
  for (const name of ['host', 'public-url', 'config', 'auto-approve', 'data-dir'] as const)
    if (values[name] === '') return { ok: false, message: `--${name} needs a value` };
  return { ok: true, values, port };
}

/** The help: every option with its value, default and meaning. */
export function formatCliUsage(): string {
  const rows = Object.entries(CLI_OPTIONS).map(([name, spec]: [string, OptionSpec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    const fallback = spec.default === undefined ? '' : ` (default ${spec.default})`;
    return [flag, `${spec.description}${fallback}`] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return [
    'Usage: sgid-emulator [options]',
    '',
    'A strict local stand-in for sgID. NOT sgID, NOT Singpass: for local development and tests only.',
    '',
    'Options:',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`),
    '',
    'Environment variables: none; everything is an option or in the --config file.',
    '',
  ].join('\n');
}
