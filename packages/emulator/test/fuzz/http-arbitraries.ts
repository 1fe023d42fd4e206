/**
 * fast-check generators for hostile HTTP requests, shared by the emulator's and the BFF's fuzz suites (the
 * BFF depends on the emulator, so its tests may import this; not the other way round). A request is built
 * around one of the endpoints the suite names, then bent: method, path (encoded and dot segments, `;`
 * parameters, unicode, NUL, length), query (duplicates, arrays, huge), headers (odd content types,
 * duplicate and huge cookies, malformed cookie values, CSRF and fetch-metadata variants) and body (JSON,
 * malformed JSON, urlencoded, binary). Header values stay within what a real HTTP parser lets through
 * (visible ASCII, space, tab), so every generated request could arrive over a socket.
 *
 * Runs: `FUZZ_RUNS` (default per suite) and `FUZZ_SEED` (default fixed) — docs/threat-model.md.
 */
import { METHODS } from 'node:http';
import { connect } from 'node:net';
import fc from 'fast-check';

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  remoteAddress: string;
}

/** How many requests a suite sends: `FUZZ_RUNS` when set (a longer run), else the suite's default. */
export function fuzzRuns(defaultRuns: number, env: NodeJS.ProcessEnv = process.env): number {
  const runs = Number(env.FUZZ_RUNS);
  return Number.isInteger(runs) && runs > 0 ? runs : defaultRuns;
}

/** The seed, fixed unless `FUZZ_SEED` says otherwise (a failure prints the seed and path to replay). */
export function fuzzSeed(defaultSeed: number, env: NodeJS.ProcessEnv = process.env): number {
  const seed = Number(env.FUZZ_SEED);
  return Number.isInteger(seed) ? seed : defaultSeed;
}

const COMMON_METHODS = ['GET', 'GET', 'GET', 'POST', 'POST', 'HEAD', 'DELETE', 'PUT', 'PATCH', 'OPTIONS'];
// Methods node's parser accepts, minus CONNECT (a tunnel, not a request to a route).
const ALL_METHODS = METHODS.filter((method) => method !== 'CONNECT');

export const method = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...COMMON_METHODS) },
  { weight: 1, arbitrary: fc.constantFrom(...ALL_METHODS) },
);

const asciiText = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });

/** Visible ASCII and space, as header values reach a server. */
const headerText = (maxLength = 64) => asciiText(maxLength);

const SEGMENT_SPICE = [
  '..',
  '.',
  '%2e%2e',
  '%2E%2e',
  '.%2e',
  '%252e%252e',
  '..;',
  '..;jsessionid=x',
  '%2e%2e;',
  ';a=b',
  '%2f',
  '%5c',
  '\\',
  '%00',
  '%',
  '%zz',
  '%ff',
  '%c0%ae',
  '~',
  '*',
  '',
  'é',
  '%F0%9F%98%80',
  '😀',
  '\u0000',
  'index.html',
  'assets',
  'app.js',
  ':id',
];

const segment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SEGMENT_SPICE) },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }).map((s) => encodeURIComponent(s)) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 5000 }).map((n) => 'a'.repeat(n)) },
);

/** A path that starts at one of `bases` and, more often than not, wanders: extra segments, odd slashes. */
export function pathFrom(bases: readonly string[]): fc.Arbitrary<string> {
  const wandering = fc
    .record({
      base: fc.constantFrom(...bases),
      extra: fc.array(segment, { minLength: 1, maxLength: 5 }),
      slashes: fc.constantFrom('/', '/', '/', '//', '/./', '/../'),
      trailing: fc.constantFrom('', '', '/', '//', '%2f'),
    })
    .map(({ base, extra, slashes, trailing }) => `${base}${slashes}${extra.join('/')}${trailing}`);
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...bases) },
    { weight: 1, arbitrary: fc.constantFrom(...bases).map((base) => `${base}/`) },
    { weight: 3, arbitrary: wandering },
  );
}

const queryKey = fc.oneof(
  fc.constantFrom(
    'returnTo',
    'code',
    'state',
    'error',
    'error_description',
    'extendIdle',
    'provider',
    'client_id',
    'redirect_uri',
    'scope',
    'response_type',
    'code_challenge',
    'code_challenge_method',
    'nonce',
    'returnTo[]',
    'returnTo[a]',
    '__proto__',
    'constructor',
    'a[b][c]',
  ),
  fc.stringMatching(/^[a-z_]{1,8}$/),
);

const queryValue = fc.oneof(
  fc.constantFrom(
    '',
    '/',
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '%2F%2Fevil',
    '%00',
    'access_denied',
    'server_error',
    'true',
    'false',
    'openid myinfo.name',
    'code',
    'S256',
    'plain',
    'test-client',
    'http://localhost:3000/auth/callback',
  ),
  fc.string({ maxLength: 20 }),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => 'x'.repeat(n)),
);

/** A query string: duplicate keys, array-ish keys, raw and encoded values, now and then a huge one. */
export const queryString = fc
  .array(fc.tuple(queryKey, queryValue, fc.boolean()), { maxLength: 6 })
  .map((pairs) =>
    pairs
      .map(([key, value, raw]) => `${key}=${raw ? value.replace(/[#\s]/g, '') : encodeURIComponent(value)}`)
      .join('&'),
  )
  .chain((query) =>
    fc.constantFrom(query === '' ? '' : `?${query}`, `?${query}&${query}`, '?', `?${query}&&=&`),
  );

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/x-www-form-urlencoded',
  'text/plain',
  'text/html',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/xml',
  'application/*',
  '*/*',
  'json',
  ';',
  '',
  'application/json, text/plain',
  'APPLICATION/JSON',
  'application/vnd.api+json',
];

/** A body with a content type that may or may not describe it. */
export const body = fc.oneof(
  fc
    .jsonValue({ maxDepth: 3 })
    .map((value) => ({ type: 'application/json', payload: JSON.stringify(value) })),
  fc
    .constantFrom('{', '{"a":', '[1,2', '{"__proto__":{"x":1}}', 'null', '""', '{"returnTo":"//evil"}')
    .map((payload) => ({ type: 'application/json', payload })),
  fc.array(fc.tuple(queryKey, queryValue), { maxLength: 5 }).map((pairs) => ({
    type: 'application/x-www-form-urlencoded',
    payload: new URLSearchParams(pairs).toString(),
  })),
  fc
    .uint8Array({ maxLength: 256 })
    .map((bytes) => ({ type: 'application/octet-stream', payload: Buffer.from(bytes) })),
  fc
    .integer({ min: 1, max: 300 })
    .map((kb) => ({ type: 'application/json', payload: `"${'y'.repeat(kb * 1024)}"` })),
);

/** Origin and Sec-Fetch-* as browsers (and forgers) send them. */
const fetchMetadata: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    origin: fc.constantFrom(
      'http://localhost:3000',
      'https://evil.example',
      'null',
      'http://localhost:3000.evil.example',
      'http://127.0.0.1:5156',
      '',
    ),
    'sec-fetch-site': fc.constantFrom('same-origin', 'same-site', 'cross-site', 'none', 'bogus'),
    'sec-fetch-mode': fc.constantFrom('navigate', 'cors', 'no-cors', 'same-origin', 'websocket'),
    'sec-fetch-dest': fc.constantFrom('document', 'empty', 'image', 'iframe', 'script'),
    accept: fc.constantFrom('text/html,application/xhtml+xml', 'application/json', '*/*', 'image/*', ''),
  },
  { requiredKeys: [] },
);

const csrfHeader = fc.constantFrom<Record<string, string>>(
  { 'x-csrf': '1' },
  { 'x-csrf': '1' },
  { 'x-csrf': '0' },
  { 'x-csrf': '' },
  { 'x-csrf': 'true' },
  { 'X-CSRF': '1, 1' },
  { 'x-csrf-token': '1' },
  {},
);

/** Cookie headers: the given real cookies mixed with malformed, duplicated and huge ones. */
export function cookieHeader(
  real: readonly string[],
  names: readonly string[],
): fc.Arbitrary<string | undefined> {
  const pair = fc.oneof(
    { weight: 3, arbitrary: real.length > 0 ? fc.constantFrom(...real) : fc.constant('a=b') },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...names, 'x', ''),
          headerText(48).map((v) => v.replace(/;/g, '')),
        )
        .map(([name, value]) => `${name}=${value}`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '=',
        ';',
        'novalue',
        '"',
        `${names[0] ?? 'a'}="`,
        `${names[0] ?? 'a'}="quoted"`,
        `${names[0] ?? 'a'}=%00`,
        `${names[0] ?? 'a'}=${'A'.repeat(43)}`,
        `${names[0] ?? 'a'}=${'A'.repeat(44)}`,
      ),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 16 }).map((kb) => `${names[0] ?? 'a'}=${'z'.repeat(kb * 1024)}`),
    },
  );
  return fc.option(
    fc.array(pair, { minLength: 1, maxLength: 5 }).map((pairs) => pairs.join('; ')),
    { nil: undefined, freq: 4 },
  );
}

const authorization = fc.constantFrom(
  undefined,
  'Bearer ',
  'Bearer wrong-token',
  'bearer wrong-token',
  'Basic dGVzdDp0ZXN0',
  'Bearer a b c',
  `Bearer ${'k'.repeat(4096)}`,
);

const oddHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    host: fc.constantFrom('localhost:3000', 'evil.example', '', 'localhost:3000, evil.example'),
    'user-agent': fc.oneof(headerText(120), fc.constant('a'.repeat(8000))),
    'x-forwarded-for': fc.constantFrom('1.2.3.4', '::1', 'garbage', '1.2.3.4, 5.6.7.8'),
    'accept-encoding': fc.constantFrom('gzip', 'br', 'identity', '*', 'gzip;q=0, bogus'),
    range: fc.constantFrom('bytes=0-1', 'bytes=9999999-', 'bytes=-0', 'bytes=1-0', 'junk'),
    'if-none-match': fc.constantFrom('*', '"x"', 'W/"y"'),
    'if-modified-since': fc.constantFrom('Thu, 01 Jan 1970 00:00:00 GMT', 'yesterday'),
    'x-request-id': headerText(40),
  },
  { requiredKeys: [] },
);

const clientAddress = fc.constantFrom(
  '203.0.113.10',
  '203.0.113.11',
  '198.51.100.99',
  '2001:db8::1',
  '::ffff:10.0.0.1',
);

export interface RequestShape {
  /** The endpoints of the app under test, `METHOD /path`: well-behaved requests use them as named, others bend them. */
  endpoints: readonly string[];
  /** The app's own origin, for the Origin header of well-behaved requests. */
  origin: string;
  /** Real cookie pairs (`name=value`) to mix in, e.g. a live session; the first is the one well-behaved requests carry. */
  cookies?: readonly string[];
  /** Cookie names the app reads, for malformed variants. */
  cookieNames?: readonly string[];
  /** Query strings (without `?`) the app's endpoints expect, for well-behaved requests. */
  queries?: readonly string[];
}

/**
 * One request against the app `shape` describes: two in five are well-behaved (a same-origin fetch with
 * the CSRF header and the live cookie, to an endpoint as named), so the fuzz gets past the first checks
 * and into each handler; the others are bent everywhere at once.
 */
export function fuzzRequest(shape: RequestShape): fc.Arbitrary<FuzzRequest> {
  const endpoints = shape.endpoints.map((endpoint) => {
    const [verb = 'GET', path = '/'] = endpoint.split(' ');
    return { verb, path };
  });
  const paths = [...new Set(endpoints.map((e) => e.path))];
  const hostile = fc.record({
    method,
    path: pathFrom(paths),
    query: queryString,
    metadata: fetchMetadata,
    csrf: csrfHeader,
    cookie: cookieHeader(shape.cookies ?? [], shape.cookieNames ?? ['session']),
    authorization,
    odd: oddHeaders,
    body: fc.option(body, { nil: undefined, freq: 2 }),
    contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined, freq: 2 }),
    remoteAddress: clientAddress,
  });
  const politeHeaders: Record<string, string> = {
    origin: shape.origin,
    'sec-fetch-site': 'same-origin',
    'sec-fetch-mode': 'cors',
    'sec-fetch-dest': 'empty',
    accept: 'application/json',
  };
  const wellBehaved = fc.record({
    endpoint: fc.constantFrom(...endpoints),
    query: fc.oneof(
      fc.constant(''),
      fc.constantFrom(...(shape.queries ?? ['a=b'])).map((query) => `?${query}`),
      queryString,
    ),
    metadata: fc.oneof(fc.constant(politeHeaders), fetchMetadata),
    csrf: fc.constant({ 'x-csrf': '1' }),
    cookie: fc.option(fc.constant(shape.cookies?.[0] ?? 'a=b'), { nil: undefined, freq: 5 }),
    authorization,
    odd: fc.constant<Record<string, string>>({}),
    body: fc.option(body, { nil: undefined, freq: 2 }),
    contentType: fc.constant(undefined),
    remoteAddress: clientAddress,
  });
  const polite = wellBehaved.map(({ endpoint, ...rest }) => ({
    ...rest,
    method: endpoint.verb,
    path: endpoint.path,
  }));
  return fc.oneof({ weight: 2, arbitrary: polite }, { weight: 3, arbitrary: hostile }).map((r) => {
    const headers: Record<string, string> = { ...r.odd, ...r.metadata, ...r.csrf };
    if (r.cookie !== undefined) headers.cookie = r.cookie;
    if (r.authorization !== undefined) headers.authorization = r.authorization;
    const request: FuzzRequest = {
      method: r.method,
      url: `${r.path}${r.query}`,
      headers,
      remoteAddress: r.remoteAddress,
    };
    if (r.body && r.method !== 'GET' && r.method !== 'HEAD') {
      request.payload = r.body.payload;
      headers['content-type'] = r.contentType ?? r.body.type;
    } else if (r.contentType !== undefined) headers['content-type'] = r.contentType;
    return request;
  });
}

/** A request in one short line, for failure messages (bodies and huge values cut). */
export function describeRequest(request: FuzzRequest): string {
  const cut = (text: string, max: number) =>
    text.length > max ? `${text.slice(0, max)}…(${text.length})` : text;
  const headers = Object.entries(request.headers).map(([k, v]) => `${k}: ${cut(v, 80)}`);
  const body = request.payload === undefined ? '' : ` body ${cut(String(request.payload), 120)}`;
  return `${request.method} ${cut(request.url, 200)} from ${request.remoteAddress} [${headers.join(' | ')}]${body}`;
}

/**
 * fast-check options for a fuzz run: the seed and count, and a failure report that names the seed, the
 * replay path and the (shrunk) request in a few lines rather than the whole generated value.
 */
export function fuzzOptions(seed: number, numRuns: number): fc.Parameters<[FuzzRequest]> {
  return {
    seed,
    numRuns,
    reporter: (details) => {
      if (!details.failed) return;
      const request = details.counterexample?.[0];
      const cause =
        details.errorInstance instanceof Error
          ? details.errorInstance.message
          : String(details.errorInstance);
      throw new Error(
        `fuzz failed after ${details.numRuns} requests (seed ${details.seed}, path "${details.counterexamplePath}", shrunk ${details.numShrinks}×)\n` +
          `${request ? describeRequest(request) : 'no request'}\n${cause.slice(0, 600)}`,
      );
    },
  };
}

/** Something that looks like a stack trace or a source location in a response body. */
export const STACK_TRACE =
  /\bat [^\n]*\(?(?:file:\/\/|\/)[^\n]*:\d+:\d+|node_modules\/|\.(?:ts|mjs|cjs):\d+:\d+|\bTypeError\b|\bReferenceError\b/;

/** Heap in use after a full garbage collection (gc exposed at run time, as `--expose-gc` would). */
export async function heapAfterGc(): Promise<number> {
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

export interface RawResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Send `request` over a fresh TCP connection to 127.0.0.1:`port`, byte for byte (no client library
 * normalises the path or refuses odd characters), and read the answer until the server closes.
 */
export function sendRaw(port: number, request: FuzzRequest, timeoutMs = 10_000): Promise<RawResponse> {
  const payload = request.payload === undefined ? undefined : Buffer.from(request.payload);
  const lines = [`${request.method} ${request.url} HTTP/1.1`];
  const headers: Record<string, string> = { host: 'localhost:3000', ...request.headers, connection: 'close' };
  if (payload) headers['content-length'] = String(payload.length);
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(payload ? Buffer.concat([head, payload]) : head),
    );
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    socket.on('data', (chunk) => chunks.push(chunk));
    // The server may close early (an error before the body was read): what arrived is the answer.
    socket.on('error', (error) => (chunks.length > 0 ? socket.destroy() : reject(error)));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const [status = '', ...fields] = text.slice(0, end).split('\r\n');
      const parsed: Record<string, string> = {};
      for (const field of fields) {
        const colon = field.indexOf(':');
        parsed[field.slice(0, colon).trim().toLowerCase()] = field.slice(colon + 1).trim();
      }
      let body = text.slice(end + 4);
      if (parsed['transfer-encoding'] === 'chunked') body = unchunk(body);
      resolve({
        statusCode: Number(status.split(' ')[1]),
        headers: parsed,
        body: Buffer.from(body, 'latin1').toString('utf8'),
      });
    });
  });
}

function unchunk(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const eol = text.indexOf('\r\n', at);
    const size = Number.parseInt(text.slice(at, eol), 16);
    if (!(size > 0)) return out;
    out += text.slice(eol + 2, eol + 2 + size);
    at = eol + 2 + size + 2;
  }
}
