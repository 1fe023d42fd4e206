/**
 * The `sgid-bff` command: `sgid-bff` starts the server, `sgid-bff doctor` checks a deployment,
 * `sgid-bff migrate` brings the PostgreSQL schema up to date.
 * The only module (with the config loader) that reads `process.env`.
 * Operators get one line per failure, never a stack trace: a usage error exits 2, a configuration or
 * start-up failure (store, port) exits 1.
 */
import { createBffApp } from './app';
import { runDoctor } from './cli/doctor';
import { runMigrate } from './cli/migrate';
import { formatBffUsage, parseBffCommand } from './cli/usage';
import { ConfigError, loadConfig } from './config';
import { readTracingSettings } from './observability/tracing-settings';
import { installGracefulShutdown } from './shutdown';
import { StoreOpenError } from './store/store-open-error';

async function start(): Promise<number | undefined> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(
      `${error.message}\n(sgid-bff --help lists every variable; sgid-bff doctor checks them)\n`,
    );
    return 1;
  }
  const tracing = readTracingSettings(process.env);
  if ('problem' in tracing) {
    process.stderr.write(`sgid-bff: ${tracing.problem}\n`);
    return 1;
  }
  // The SDK before the app, so the app's tracer is the SDK's; imported only now (start-tracing.ts).
  const stopTracing = tracing.enabled
    ? await (await import('./observability/start-tracing')).startTracing(tracing.exporters)
    : undefined;
  let app: Awaited<ReturnType<typeof createBffApp>>;
  try {
    app = await createBffApp(config);
    // Buffered spans are flushed when the app closes (graceful shutdown), after in-flight requests.
    if (stopTracing !== undefined) app.addHook('onClose', stopTracing);
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    const line = describeStartFailure(error, config);
    if (line === undefined) throw error;
    process.stderr.write(`sgid-bff: ${line}\n`);
    return 1;
  }
  app.log.info(`sgid-bff listening; open ${config.publicOrigin}`);
  process.stdout.write(`sgid-bff ready at ${config.publicOrigin} (store: ${config.store.kind})\n`);

  installGracefulShutdown(app, { timeoutMs: config.shutdownTimeoutMs });
  return undefined;
}

/** One line for the failures an operator can fix; undefined for anything else (a bug: keep its stack). */
function describeStartFailure(error: unknown, config: ReturnType<typeof loadConfig>): string | undefined {
  if (error instanceof StoreOpenError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE')
    return `cannot listen on HOST=${config.host} PORT=${config.port}: the port is in use. Stop the other process or set PORT.`;
  if (code === 'EADDRNOTAVAIL')
    return `cannot listen on HOST=${config.host}: no such address on this machine. Set HOST (0.0.0.0 in a container).`;
  if (code === 'EACCES')
    return `cannot listen on PORT=${config.port}: permission denied (ports below 1024 need privileges). Set PORT.`;
  return undefined;
}

const command = parseBffCommand(process.argv.slice(2));
switch (command.kind) {
  case 'help':
    process.stdout.write(formatBffUsage({ variables: true }));
    break;
  case 'usage-error':
    process.stderr.write(`sgid-bff: ${command.message}\n${formatBffUsage({ variables: false })}`);
    process.exitCode = 2;
    break;
  case 'doctor':
    process.exitCode = await runDoctor(process.env);
    break;
  case 'migrate':
    process.exitCode = await runMigrate(process.env);
    break;
  case 'start': {
    const code = await start();
    if (code !== undefined) process.exit(code);
    break;
  }
}
