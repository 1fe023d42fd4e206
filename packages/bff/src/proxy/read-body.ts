/**
 * A proxied request's body, as the stream undici sends upstream. Rules:
 * - no body unless `Content-Length` > 0 or `Transfer-Encoding`; GET and HEAD may have none at all
 *   (`400 BFF_BODY_NOT_ALLOWED`: some upstreams and caches read it, others ignore it — a smuggling seam);
 * - at most `limit` bytes (`413 BFF_PAYLOAD_TOO_LARGE`, by the header at once, else when it is crossed);
 * - at least `minRate` bytes per second on average once `graceMs` of sending have passed
 *   (`408 BFF_REQUEST_BODY_TIMEOUT`), counted only while the upstream takes the body, so neither a full
 *   upstream pool nor a slow upstream is held against the client (Kestrel's MinRequestBodyDataRate);
 * - an error on either side (the browser aborts, undici gives up, a rule above) ends this body only: the
 *   streams are joined with listeners on both from the start, so no error is ever unhandled (an
 *   unhandled 'error' on the counting stream used to end the process).
 * The browser's stream is never destroyed here, so the BFF can still answer 413 or 408 on it.
 */
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { BffServerError } from '../errors';

export interface BodyRules {
  readonly limit: number;
  readonly minRate: number;
  readonly graceMs: number;
}

export interface RequestBody {
  /** What undici reads. */
  readonly stream: Transform;
  /** True once the whole body passed through. */
  readonly complete: () => boolean;
  /** True while the upstream is taking the body and waits for the browser to send more. */
  readonly awaitsBrowser: () => boolean;
  /** The rule the body broke (413, 408), if any. */
  readonly failure: () => BffServerError | undefined;
  /** Stops the rate check and ends the stream; safe to call more than once. */
  readonly close: () => void;
}

/** Milliseconds between two checks of the body rate. */
const RATE_CHECK_MS = 250;

export function openRequestBody(raw: IncomingMessage, rules: BodyRules): RequestBody | undefined {
  const length = raw.headers['content-length'];
  const chunked = raw.headers['transfer-encoding'] !== undefined;
  const hasBody = chunked || (length !== undefined && length !== '0');
  if (hasBody && (raw.method === 'GET' || raw.method === 'HEAD'))
    throw new BffServerError('BFF_BODY_NOT_ALLOWED', { detail: `${raw.method} with a body` });
  if (!hasBody) return undefined;
  if (rules.limit > 0 && length !== undefined && Number(length) > rules.limit)
    throw new BffServerError('BFF_PAYLOAD_TOO_LARGE', {
      detail: `content-length ${length} over API_BODY_LIMIT`,
    });

  let seen = 0;
  let complete = false;
  let failure: BffServerError | undefined;
  // Time the upstream spent taking the body: summed over the periods the stream was flowing.
  let flowingSince: number | undefined;
  let flowedMs = 0;
  const flowed = () => flowedMs + (flowingSince === undefined ? 0 : performance.now() - flowingSince);

  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (rules.limit > 0 && seen > rules.limit)
        callback(fail('BFF_PAYLOAD_TOO_LARGE', 'streamed body over API_BODY_LIMIT'));
      else callback(null, chunk);
    },
    flush(callback) {
      complete = true;
      stop();
      callback();
    },
  });
  function fail(code: 'BFF_PAYLOAD_TOO_LARGE' | 'BFF_REQUEST_BODY_TIMEOUT', detail: string): BffServerError {
    failure ??= new BffServerError(code, { detail });
    return failure;
  }
  stream.on('resume', () => {
    flowingSince ??= performance.now();
  });
  stream.on('pause', () => {
    if (flowingSince !== undefined) flowedMs += performance.now() - flowingSince;
    flowingSince = undefined;
  });
  // Listeners on both streams before anything can fail: an abort while queued, mid-body or after the
  // upstream answered ends here.
  stream.on('error', stop);
  stream.on('close', stop);
  raw.on('error', (error) => stream.destroy(error));
  raw.pipe(stream);

  const checker =
    rules.minRate > 0
      ? setInterval(() => {
          const ms = flowed();
          if (ms >= rules.graceMs && seen < (rules.minRate * ms) / 1000)
            stream.destroy(fail('BFF_REQUEST_BODY_TIMEOUT', `${seen} bytes in ${Math.round(ms)} ms`));
        }, RATE_CHECK_MS)
      : undefined;
  checker?.unref();
  function stop() {
    if (checker !== undefined) clearInterval(checker);
  }

  return {
    stream,
    complete: () => complete,
    awaitsBrowser: () => !complete && flowingSince !== undefined,
    failure: () => failure,
    close() {
      stop();
      raw.unpipe(stream);
      if (!stream.destroyed) stream.destroy();
    },
  };
}
