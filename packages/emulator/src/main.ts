/**
 * The `sgid-emulator` command: reads argv and the config file, opens the port, prints a loud banner,
 * and closes cleanly on SIGINT/SIGTERM. The only module that touches argv, env, files and the console.
 */
import { createServer } from 'node:net';
import path from 'node:path';
import { createEmulatorApp } from './app';
import { formatCliUsage, parseCliArgs } from './cli/cli-options';
import type { EmulatorConfig } from './config/emulator-config';
import { loadConfigFile } from './config/load-config-file';
import { isEmulatorError } from './errors';
import { BUILT_IN_PERSONAS } from './personas/built-in-personas';

const DEFAULT_DATA_DIR = path.join('.data', 'emulator');

/** A failure the user can fix: one line on stderr, then the exit code. */
class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`sgid-emulator: ${parsed.message}\n${formatCliUsage()}`);
    process.exitCode = 2;
    return;
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(formatCliUsage());
    return;
  }
  const host = values.host ?? '127.0.0.1';
  // The issuer, the redirect pages and the banner need the real port before the app exists, so `--port 0`
  // asks the system for a free one first (and the banner says which).
  const port = parsed.port === 0 ? await findFreePort(host) : parsed.port;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  const file: Record<string, unknown> =
    values.config === undefined ? { clients: [] } : await loadConfigFile(values.config);
  // Flags win over the file; the file wins over the defaults derived from --host and --port.
  const fileDataDir = typeof file.dataDir === 'string' ? file.dataDir : DEFAULT_DATA_DIR;
  const config = {
    ...file,
    publicUrl: values['public-url'] ?? file.publicUrl ?? `http://${hostForUrl}:${port}`,
    dataDir: path.resolve(values['data-dir'] ?? fileDataDir),
    ...(values['auto-approve'] === undefined ? {} : { autoApprove: values['auto-approve'] }),
  } as EmulatorConfig; // validated by createEmulatorApp, which reports every problem at once
  const app = await createEmulatorApp(config, { logger: { level: 'warn' } });
  try {
    await app.listen({ port, host });
  } catch (error) {
    await app.close();
    throw new CliFailure(describeListenFailure(error, host, port), 1);
  }

  const clients = config.clients.map((client) => `${client.id} (${client.name})`).join(', ') || 'none';
  console.log(
    [
      '',
      '  !!!  sgID EMULATOR: NOT sgID, NOT Singpass. For local development and tests only.  !!!',
      '  !!!  Synthetic personas, self-issued keys. Never point production traffic here.     !!!',
      '',
      `  issuer        ${config.publicUrl}/v2`,
      `  singpass      ${config.publicUrl}/singpass/v3/fapi (FAPI 2.0)`,
      `  listening on  http://${hostForUrl}:${port}`,
      `  debug page    ${config.publicUrl}/debug`,
      `  clients       ${clients}`,
      `  personas      ${BUILT_IN_PERSONAS.length} built in + ${config.personas?.length ?? 0} configured`,
      `  auto-approve  ${config.autoApprove ?? 'off (interactive QR login)'}`,
      `  data dir      ${config.dataDir}`,
      '',
    ].join('\n'),
  );
  if (config.clients.length === 0)
    console.warn('  warning: no clients registered; pass --config file.json\n');

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`sgid-emulator: ${signal}, closing`);
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

/** A port nobody listens on at `host` now: bound at port 0, read, and released. */
function findFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => reject(new CliFailure(describeListenFailure(error, host, 0), 1)));
    probe.listen({ port: 0, host }, () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function describeListenFailure(error: unknown, host: string, port: number): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return `cannot listen on ${host}:${port}: the port is in use (try --port)`;
  if (code === 'EADDRNOTAVAIL')
    return `cannot listen on ${host}: no such address here (try --host 127.0.0.1)`;
  if (code === 'EACCES') return `cannot listen on port ${port}: permission denied (try --port above 1023)`;
  return `cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`;
}

main().catch((error: unknown) => {
  if (error instanceof CliFailure) console.error(`sgid-emulator: ${error.message}`);
  else console.error(isEmulatorError(error) ? `sgid-emulator: ${error.description}` : error);
  process.exit(error instanceof CliFailure ? error.exitCode : 1);
});
