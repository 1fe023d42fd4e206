/**
 * The `sgid-emulator` command: reads argv and the config file, opens the port, prints a loud banner,
 * and closes cleanly on SIGINT/SIGTERM. The only module that touches argv, env, files and the console.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEmulatorApp } from './app';
import { loadConfigFile } from './config/load-config-file';
import { isEmulatorError } from './errors';
import { BUILT_IN_PERSONAS } from './personas/built-in-personas';

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
      'data-dir': { type: 'string', default: path.join('.data', 'emulator') },
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
  const fileConfig = values.config === undefined ? { clients: [] } : await loadConfigFile(values.config);
  const publicUrl = values['public-url'] ?? `http://${hostForUrl}:${port}`;
  const dataDir = path.resolve(values['data-dir']);

  const app = await createEmulatorApp(
    {
      ...fileConfig,
      publicUrl,
      dataDir,
      ...(values['auto-approve'] ? { autoApprove: values['auto-approve'] } : {}),
    },
    { logger: { level: 'warn' } },
  );
  await app.listen({ port, host });

  const clients = fileConfig.clients.map((client) => `${client.id} (${client.name})`).join(', ') || 'none';
  console.log(
    [
      '',
      '  !!!  sgID EMULATOR: NOT sgID, NOT Singpass. For local development and tests only.  !!!',
      '  !!!  Synthetic personas, self-issued keys. Never point production traffic here.     !!!',
      '',
      `  issuer        ${publicUrl}/v2`,
      `  listening on  http://${hostForUrl}:${port}`,
      `  debug page    ${publicUrl}/debug`,
      `  clients       ${clients}`,
      `  personas      ${BUILT_IN_PERSONAS.length} built in + ${fileConfig.personas?.length ?? 0} configured`,
      `  auto-approve  ${values['auto-approve'] ?? 'off (interactive QR login)'}`,
      `  data dir      ${dataDir}`,
      '',
    ].join('\n'),
  );
  if (fileConfig.clients.length === 0)
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
