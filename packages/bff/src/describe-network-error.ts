/**
 * Plain words for why a connection failed, for operators (`doctor`, start-up). Node's fetch says only
 * "fetch failed" and ioredis "Connection is closed."; the reason (ECONNREFUSED, ENOTFOUND, a timeout, a
 * TLS certificate problem) sits somewhere down the `cause` chain, or in an `AggregateError`'s `errors`.
 */

const BY_CODE: Record<string, string> = {
  ECONNREFUSED: 'connection refused: nothing is listening there',
  ENOTFOUND: 'host not found: the name does not resolve (DNS)',
  EAI_AGAIN: 'host name lookup failed for now (DNS did not answer)',
  ETIMEDOUT: 'no answer in time: the host is unreachable or a firewall drops the traffic',
  UND_ERR_CONNECT_TIMEOUT: 'no answer in time: the host is unreachable or a firewall drops the traffic',
  EHOSTUNREACH: 'host unreachable: no route to it',
  ENETUNREACH: 'network unreachable: no route to it',
  ECONNRESET: 'the connection was reset by the other side (wrong port or protocol?)',
  UND_ERR_SOCKET: 'the connection was closed by the other side (wrong port or protocol?)',
  EPROTO: 'TLS handshake failed (is it https/rediss on a plain port, or the other way round?)',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS handshake failed: the other side does not speak TLS on this port',
  CERT_HAS_EXPIRED: 'TLS: the server certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS: the server certificate is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS: the certificate chain has an untrusted self-signed certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS: the server certificate cannot be verified (missing CA?)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS: the issuer of the server certificate is not trusted (missing CA?)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS: the server certificate is for another host name',
};

type Described = { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown };

/** Every error in the chain: the error, its `cause`s and an AggregateError's members, depth first. */
function* walk(error: unknown, depth = 0): Generator<Described> {
  if (depth > 8 || typeof error !== 'object' || error === null) return;
  const e = error as Described;
  yield e;
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* walk(inner, depth + 1);
  yield* walk(e.cause, depth + 1);
}

/**
 * The reason in plain words, e.g. "connection refused: nothing is listening there" or "no answer within
 * 5 s". `timeoutMs` is the deadline the caller gave (reported when the failure was its timeout).
 */
export function describeNetworkError(error: unknown, options: { timeoutMs?: number } = {}): string {
  const chain = [...walk(error)];
  for (const e of chain) {
    const known = typeof e.code === 'string' ? BY_CODE[e.code] : undefined;
    if (known) return known;
  }
  if (chain.some((e) => e.name === 'TimeoutError' || e.name === 'AbortError'))
    return options.timeoutMs === undefined
      ? 'no answer in time'
      : `no answer within ${formatSeconds(options.timeoutMs)}`;
  for (const e of chain) if (typeof e.code === 'string' && e.code.length > 0) return `failed (${e.code})`;
  // Fall back on the deepest message: the outer ones ("fetch failed") say the least.
  const messages = chain.map((e) => e.message).filter((m): m is string => typeof m === 'string' && m !== '');
  return messages.at(-1) ?? String(error);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** The URL without its password (and user name), safe to print: `redis://:***@host:6379/0`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.username && parsed.password === '') parsed.username = '***';
    const href = parsed.href;
    return href.endsWith('/') && !url.endsWith('/') && parsed.pathname === '/' ? href.slice(0, -1) : href;
  } catch {
    return '(an unparseable URL)';
  }
}
