/**
 * Graceful shutdown (SECURITY.md "Abuse and faults"): on `SIGTERM` or `SIGINT` the server stops accepting
 * connections, lets in-flight requests finish (fastify answers 503 to requests that arrive on kept-alive
 * connections meanwhile, and closes idle ones), then closes the store (the app's onClose hooks) and the
 * process exits 0. A request that outlives `SHUTDOWN_TIMEOUT`, or a second signal, makes it exit 1 at once.
 */
import type { FastifyInstance } from 'fastify';

export interface ShutdownOptions {
  timeoutMs: number;
  /** Injected in tests; `process.exit` otherwise. */
  exit?: (code: number) => void;
  signals?: readonly NodeJS.Signals[];
}

export function installGracefulShutdown(app: FastifyInstance, options: ShutdownOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) {
      app.log.warn(`${signal} again: exiting without waiting`);
      return exit(1);
    }
    closing = true;
    app.log.info(`${signal}: no longer accepting; finishing in-flight requests`);
    const deadline = setTimeout(() => {
      app.log.error(`requests still running after ${options.timeoutMs} ms: exiting anyway`);
      exit(1);
    }, options.timeoutMs);
    deadline.unref();
    app.close().then(
      () => {
        clearTimeout(deadline);
        app.log.info('shut down cleanly');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        app.log.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) process.on(signal, () => shutdown(signal));
}
