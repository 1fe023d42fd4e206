// HTTP load with autocannon, always bounded: a fixed duration and a cap on the request count, loopback only.
import autocannon from 'autocannon';

/**
 * Hammer one URL with `connections` keep-alive connections for `seconds` (at most `maxRequests` requests).
 * Answers req/s of 2xx answers, p50/p99 latency in ms and any failures.
 */
export async function load({ url, headers = {}, connections = 50, seconds = 10, maxRequests = 2_000_000 }) {
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
  });
  instance.on('response', () => {
    responses += 1;
    if (responses === maxRequests) instance.stop();
  });
  const result = await instance;
  const ok = result['2xx'];
  return {
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds: result.duration,
  };
}
