/**
 * One proxied call, once routes/api-proxy.ts has checked the session, the path and the method:
 * - a slot among the session's concurrent calls is taken first and held until the browser's response
 *   ends, however it ends (`429 BFF_TOO_MANY_CONCURRENT` when none is free);
 * - one deadline for the whole call up to the answer's headers (waiting for a pooled connection, sending
 *   the browser's body, the upstream's work), and the same time at most between answer body chunks;
 * - the request body (read-body.ts rules) streams upstream with the identity token and filtered headers
 *   (forward-headers.ts), and the answer streams back: never buffered in either direction;
 * - the browser going away aborts the upstream call and answers nobody; every other failure is mapped by
 *   map-upstream-error.ts. An error on any stream ends this request, never the process.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Agent, request as undiciRequest } from 'undici';
import type { ApiRoute } from '../config';
import { injectTraceContext } from '../observability/tracing';
import { buildUpstreamHeaders, filterResponseHeaders } from './forward-headers';
import { mapUpstreamError } from './map-upstream-error';
import { type BodyRules, openRequestBody, type RequestBody } from './read-body';
import type { RouteMetrics } from './route-metrics';

/** The abort reason of a call past its deadline. */
const DEADLINE = new Error('the proxied call passed its deadline');

/** One call, as the endpoint prepared it. */
export interface ForwardCall {
  readonly route: ApiRoute;
  /** The upstream URL: the route's upstream, then the checked path suffix and query. */
  readonly upstreamUrl: string;
  /** The route's `timeout`, else `API_TIMEOUT`. */
  readonly timeoutMs: number;
  /** Takes this session's slot (throws when none is free); answers its release. */
  readonly takeSlot: () => () => void;
  /** Signs the identity token of this session for this route. */
  readonly signIdentityToken: () => Promise<string>;
  readonly metrics: RouteMetrics;
}

export interface Forwarder {
  forward(request: FastifyRequest, reply: FastifyReply, call: ForwardCall): Promise<FastifyReply>;
  /** Closes the upstream connection pool. */
  close(): Promise<void>;
}

export function createForwarder(options: {
  /** `API_UPSTREAM_CONNECTIONS`: pooled connections per upstream origin. */
  connections: number;
  /** The browser's body: `API_BODY_LIMIT`, `API_BODY_MIN_RATE` and its grace. */
  body: BodyRules;
  /** `PUBLIC_URL`'s origin, for the forwarded headers. */
  publicOrigin: string;
}): Forwarder {
  // One connection pool for every upstream; keep-alive so each proxied call is not a new TCP handshake.
  const agent = new Agent({
    keepAliveTimeout: 10_000,
    connections: options.connections,
    connect: { timeout: 5000 },
  });

  async function forward(request: FastifyRequest, reply: FastifyReply, call: ForwardCall) {
    const { route, upstreamUrl, timeoutMs: timeout, metrics } = call;
    const release = call.takeSlot();
    const abort = new AbortController();
    // Up to the answer's headers; between answer body chunks, `bodyTimeout` below.
    const deadline = setTimeout(() => abort.abort(DEADLINE), timeout);
    let body: RequestBody | undefined;
    let browserGone = false;
    // Everything this request holds is given back when its response ends, however it ends; the browser
    // going away stops the upstream work too.
    const end = () => {
      release();
      clearTimeout(deadline);
      body?.close();
      if (!reply.raw.writableFinished) {
        browserGone = true;
        abort.abort();
      }
    };
    reply.raw.once('close', end);
    body = openRequestBody(request.raw, options.body);
    if (request.raw.socket?.destroyed === true) end();
    const token = await call.signIdentityToken();
    const headers = buildUpstreamHeaders(request, route, { token, publicOrigin: options.publicOrigin });
    // The upstream's spans join the BFF's trace (`proxy.request`): never one the browser named.
    injectTraceContext(headers);
    const stopTimer = metrics.startTimer();
    let answer: Awaited<ReturnType<typeof undiciRequest>>;
    try {
      answer = await undiciRequest(upstreamUrl, {
        dispatcher: agent,
        method: request.method as 'GET',
        headers,
        body: body?.stream,
        headersTimeout: timeout,
        bodyTimeout: timeout,
        signal: abort.signal,
      });
    } catch (error) {
      if (browserGone) {
        // Nobody to answer: not an upstream failure, nothing to log at error level.
        request.log.info({ route: route.prefix }, 'the browser went away during a proxied call');
        return reply.hijack();
      }
      // The browser's body may be unread: answer, then close the connection rather than read on.
      if (body !== undefined && !body.complete()) reply.header('connection', 'close');
      const failure = mapUpstreamError(error, {
        prefix: route.prefix,
        timeoutMs: timeout,
        body,
        deadlinePassed: abort.signal.reason === DEADLINE,
      });
      if (failure.counted) metrics.count(failure.error.status);
      throw failure.error;
    } finally {
      clearTimeout(deadline);
      stopTimer();
    }
    metrics.count(answer.statusCode);
    for (const [name, value] of Object.entries(filterResponseHeaders(answer.headers, route, upstreamUrl)))
      if (!reply.hasHeader(name)) reply.header(name, value);
    if (body !== undefined && !body.complete()) reply.header('connection', 'close');
    reply.code(answer.statusCode);
    if (request.method === 'HEAD' || answer.statusCode === 204 || answer.statusCode === 304) {
      answer.body.resume();
      return reply.send();
    }
    return reply.send(answer.body);
  }

  return { forward, close: () => agent.close() };
}
