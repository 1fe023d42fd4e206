/**
 * The `sgid-bff` command: `sgid-bff` starts the server, `sgid-bff doctor` checks a deployment.
 * The only module (with the config loader) that reads `process.env`.
 */
import { createBffApp } from './app';
import { runDoctor } from './cli/doctor';
import { ConfigError, loadConfig } from './config';
import { installGracefulShutdown } from './shutdown';

async function start(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createBffApp(config);
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`sgid-bff listening; open ${config.publicOrigin}`);
  process.stdout.write(`sgid-bff ready at ${config.publicOrigin} (store: ${config.store.kind})\n`);

  installGracefulShutdown(app, { timeoutMs: config.shutdownTimeoutMs });
}

const command = process.argv[2];
if (command === 'doctor') {
  process.exitCode = await runDoctor(process.env);
} else if (command === undefined) {
  await start();
} else {
  process.stderr.write(`usage: sgid-bff [doctor]\n`);
  process.exitCode = 2;
}
