// HTTP load with autocannon, always bounded: a fixed duration and a cap on the request count, loopback only.
import autocannon from 'autocannon';

/**
 * Hammer one URL with `connections` keep-alive connections for `seconds` (at most `maxRequests` requests).
 * Every answer is checked: its status must be 2xx and, when `expectBody` is given, its body exactly that
 * text (or `verifyBody(body)` must hold). Answers req/s of the answers that passed both checks, p50/p99 latency in ms and every failure:
 * `non2xx`, `mismatches` (2xx with another body), `errors` (connection errors and timeouts, `timeouts`).
 */
export async function load({
  url,
  headers = {},
  connections = 50,
  seconds = 10,
  maxRequests = 2_000_000,
  expectBody,
  verifyBody,
}) {
  const { hostname } = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(hostname))
    throw new Error(`refusing non-loopback ${url}`);
  // autocannon's own `amount` would override `duration`: cap the count by stopping it instead.
  let responses = 0;
  const instance = autocannon({
    url: url.replace('//localhost:', '//127.0.0.1:'),
    headers,
    connections,
    duration: seconds,
    timeout: 10,
    pipelining: 1,
    ...(verifyBody !== undefined ? { verifyBody } : expectBody === undefined ? {} : { expectBody }),
  });
  instance.on('response', () => {
    responses += 1;
    if (responses === maxRequests) instance.stop();
  });
  const result = await instance;
  // autocannon compares every answer's body, a non-2xx's too (whose body is never the expected one): what
  // is left over are 2xx answers with the wrong body, which count as failures, not as answers.
  const checked = expectBody !== undefined || verifyBody !== undefined;
  const mismatches = checked ? Math.max(0, (result.mismatches ?? 0) - result.non2xx) : 0;
  const ok = Math.max(0, result['2xx'] - mismatches);
  return {
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    non2xx: result.non2xx,
    mismatches,
    // autocannon counts a timeout among its errors too.
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
  };
}
