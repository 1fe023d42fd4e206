/**
 * Fastify's `childLoggerFactory`: each request's logger (with its request id) is created only when the
 * request first logs something. Fastify makes a pino child per request otherwise, and with our redaction
 * list that costs a redaction pass over the bindings on every request, though a request that succeeds
 * logs nothing (request logging is off by default). The lines that are written are the same: the real
 * child, made from the same parent, bindings and options, writes them.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
type LogArgs = Parameters<FastifyBaseLogger['info']>;

export function createRequestLogger(
  parent: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  // A route with its own level or serializers gets its child at once: its level is not the parent's.
  if (options.level !== undefined || options.serializers !== undefined)
    return parent.child(bindings, options);
  return new LazyRequestLogger(parent, bindings);
}

class LazyRequestLogger implements FastifyBaseLogger {
  #child: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
  ) {}

  get level(): string {
    return (this.#child ?? this.parent).level;
  }

  set level(level: string) {
    this.#real().level = level;
  }

  fatal(...args: LogArgs): void {
    this.#log('fatal', args);
  }
  error(...args: LogArgs): void {
    this.#log('error', args);
  }
  warn(...args: LogArgs): void {
    this.#log('warn', args);
  }
  info(...args: LogArgs): void {
    this.#log('info', args);
  }
  debug(...args: LogArgs): void {
    this.#log('debug', args);
  }
  trace(...args: LogArgs): void {
    this.#log('trace', args);
  }
  silent(...args: LogArgs): void {
    this.#log('silent', args);
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#real().child(bindings, options);
  }

  #real(): FastifyBaseLogger {
    this.#child ??= this.parent.child(this.bindings);
    return this.#child;
  }

  #log(level: Level, args: LogArgs): void {
    // Below the parent's level nothing would be written: no child needed (pino loggers can tell).
    const parent = this.parent as FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean };
    if (this.#child === undefined && parent.isLevelEnabled?.(level) === false) return;
    (this.#real()[level] as (...a: LogArgs) => void)(...args);
  }
}
