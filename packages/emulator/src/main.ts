/**
 * The `sgid-emulator` command: reads argv and the config file, opens the port, prints a loud banner,
 * and closes cleanly on SIGINT/SIGTERM. The only module that touches argv, env, files and the console.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEmulatorApp } from './app';
import type { EmulatorConfig } from './config/emulator-config';
import { loadConfigFile } from './config/load-config-file';
import { isEmulatorError } from './errors';
import { BUILT_IN_PERSONAS } from './personas/built-in-personas';

const DEFAULT_DATA_DIR = path.join('.data', 'emulator');

const USAGE = `Usage: sgid-emulator [--port 5156] [--host 127.0.0.1] [--public-url URL] [--config file.json]
                     [--auto-approve NRIC] [--data-dir DIR]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5156' },
      host: { type: 'string', default: '127.0.0.1' },
      'public-url': { type: 'string' },
      config: { type: 'string' },
      'auto-approve': { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be 0-65535\n${USAGE}`);
  const host = values.host;
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
  await app.listen({ port, host });

  const clients = config.clients.map((client) => `${client.id} (${client.name})`).join(', ') || 'none';
  console.log(
    [
      '',
      '  !!!  sgID EMULATOR: NOT sgID, NOT Singpass. For local development and tests only.  !!!',
      '  !!!  Synthetic personas, self-issued keys. Never point production traffic here.     !!!',
      '',
      `  issuer        ${config.publicUrl}/v2`,
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

main().catch((error: unknown) => {
  console.error(isEmulatorError(error) ? `sgid-emulator: ${error.description}` : error);
  process.exit(1);
});
