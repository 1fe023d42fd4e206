/**
 * A Sentinel failover under a bounded login load, on a real BFF process: the master of this file's own
 * Sentinel group (master + 1 replica + 3 sentinels, redis-topologies.ts) is killed with SIGKILL while
 * browsers log in and read their sessions; the sentinels promote the replica; the BFF finds the new master
 * by itself (no restart).
 *
 * "Committed" here means: the callback answered 302 with a session cookie. With `REDIS_WAIT_REPLICAS=1`
 * the BFF answers so only after the replica acknowledged the session (Redis `WAIT`), and the data nodes run
 * `min-replicas-to-write 1`, so a committed session is on the replica that gets promoted. Proven: every
 * committed browser is still logged in after the failover, and the new master holds at least that many
 * sessions (0 lost). Every request during the outage answers 503 `BFF_STORE_UNAVAILABLE` or succeeds,
 * within a bound (never a hang, never a 500).
 *
 * The killed master is started again, as a replica of the new master, once the replica has been promoted
 * (as an operator's supervisor would): with one replica, "replicated" needs that second node back, and
 * until then the new master refuses writes (NOREPLICAS), which the BFF answers 503.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BffProcess,
  bffEnv,
  type EmulatorOnLoopback,
  HttpBrowser,
  removeBffEntry,
  startBffProcess,
  startEmulator,
} from '../scale-out/processes';
import { type SentinelGroup, startSentinelGroup, waitUntil } from '../store/redis-topologies';
import { countKeysWithPrefix } from '../support/redis';

/** Longest any one request may take: REDIS_TIMEOUT (500 ms) for each store call of a login, plus margin. */
const REQUEST_LIMIT_MS = 4000;
const MAX_LOGINS = 400;
const LOAD_DEADLINE_MS = 40_000;

let group: SentinelGroup;
let emulator: EmulatorOnLoopback;
let bff: BffProcess;

beforeAll(async () => {
  group = await startSentinelGroup();
  emulator = await startEmulator();
  bff = await startBffProcess(
    bffEnv(emulator.origin, {
      SESSION_STORE: 'redis',
      REDIS_SENTINELS: group.sentinelList,
      REDIS_SENTINEL_NAME: group.name,
      REDIS_TIMEOUT: '500ms',
      REDIS_WAIT_REPLICAS: '1',
      TRUST_PROXY: 'loopback',
    }),
  );
}, 60_000);
afterAll(async () => {
  await bff?.stop();
  await emulator?.app.close();
  await group?.stop();
  await removeBffEntry();
});

interface Outcome {
  committed: HttpBrowser[];
  /** Answers other than success or 503 BFF_STORE_UNAVAILABLE, and requests past REQUEST_LIMIT_MS. */
  unexpected: string[];
  unavailable: number;
  slowestMs: number;
}

/** One request, timed; a 503 must carry the store code. Answers the response, or undefined on a 503. */
async function call(
  outcome: Outcome,
  browser: HttpBrowser,
  url: string,
  init: RequestInit = {},
): Promise<Response | undefined> {
  const started = performance.now();
  let response: Response;
  try {
    response = await browser.request(url, { ...init, signal: AbortSignal.timeout(REQUEST_LIMIT_MS) });
  } catch (error) {
    outcome.unexpected.push(`${url}: ${String(error)}`);
    return undefined;
  }
  const elapsed = performance.now() - started;
  outcome.slowestMs = Math.max(outcome.slowestMs, elapsed);
  if (response.status === 503) {
    const body = (await response.json()) as { code?: string };
    if (body.code === 'BFF_STORE_UNAVAILABLE') outcome.unavailable++;
    else outcome.unexpected.push(`${url}: 503 ${body.code}`);
    return undefined;
  }
  if (response.status !== 200 && response.status !== 302)
    outcome.unexpected.push(`${new URL(url).pathname}: ${response.status} ${await response.text()}`);
  return response;
}

/** A login and a session read; the browser counts as committed once the callback set its session. */
async function loginAndRead(outcome: Outcome): Promise<boolean> {
  const browser = new HttpBrowser();
  const start = await call(outcome, browser, `${bff.url}/auth/login?returnTo=/`);
  if (start?.status !== 302) return false;
  const authorize = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
  const callback = new URL(authorize.headers.get('location') ?? '');
  const done = await call(outcome, browser, `${bff.url}${callback.pathname}${callback.search}`);
  if (done?.status !== 302 || !browser.cookieHeader().includes('sgid-bff.session=')) return false;
  outcome.committed.push(browser);
  const read = await call(outcome, browser, `${bff.url}/auth/session`, { headers: { 'x-csrf': '1' } });
  if (read?.status === 200) expect(await read.json()).toMatchObject({ authenticated: true });
  return true;
}

describe('Redis Sentinel failover', () => {
  it('a killed master under login load: the replica takes over, no committed session is lost, requests answer 503 or succeed, the BFF recovers by itself', async () => {
    const outcome: Outcome = { committed: [], unexpected: [], unavailable: 0, slowestMs: 0 };
    const oldMaster = group.master.address;
    expect(await group.currentMaster()).toBe(oldMaster);

    let logins = 0;
    let stop = false;
    let killedAt = 0;
    let rejoinedAt = 0;
    let recoveredAt = 0;
    const loadStarted = Date.now();
    const worker = async () => {
      while (!stop && logins < MAX_LOGINS && Date.now() - loadStarted < LOAD_DEADLINE_MS) {
        logins++;
        const startedAt = Date.now();
        const ok = await loginAndRead(outcome);
        // Recovered: a whole login begun after the failover (and the old master's return) went through.
        if (ok && rejoinedAt > 0 && startedAt > rejoinedAt && recoveredAt === 0) recoveredAt = Date.now();
        if (!ok) await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    const load = Promise.all([worker(), worker(), worker()]);

    await new Promise((resolve) => setTimeout(resolve, 1000));
    const committedBeforeKill = outcome.committed.length;
    expect(committedBeforeKill).toBeGreaterThan(0);
    group.master.child.kill('SIGKILL');
    killedAt = Date.now();
    await waitUntil(
      'the sentinels promote the replica',
      async () => (await group.currentMaster()) === group.replica.address,
    );
    const promotedAfterMs = Date.now() - killedAt;
    // Back as a replica of the new master, so writes can be replicated again. The sentinels would make it
    // one too, but only ~10 s after it returns (their INFO period); a supervisor restarting it as a
    // replica is faster and keeps the test short.
    await group.master.restart(['--replicaof', '127.0.0.1', String(group.replica.port)]);
    rejoinedAt = Date.now();
    await waitUntil('a login succeeds after the failover', async () => recoveredAt > 0, 25_000).catch(
      (error: unknown) => {
        stop = true;
        throw new Error(`${String(error)} (${logins} logins, ${JSON.stringify(outcome.unexpected)})`);
      },
    );
    // Keep the load on a little past recovery, then stop it.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    stop = true;
    await load;

    expect(outcome.unexpected).toEqual([]);
    expect(outcome.slowestMs).toBeLessThan(REQUEST_LIMIT_MS);
    for (const browser of outcome.committed)
      expect(await browser.session(bff.url)).toMatchObject({ authenticated: true });
    const onNewMaster = await countKeysWithPrefix('sgid-bff:s:', `redis://${group.replica.address}`);
    expect(onNewMaster).toBeGreaterThanOrEqual(outcome.committed.length);
    console.info(
      `sentinel failover: ${logins} logins started, ${outcome.committed.length} committed (${committedBeforeKill} before the kill), ` +
        `0 lost (${onNewMaster} sessions on the new master); replica promoted ${promotedAfterMs} ms after SIGKILL; ` +
        `first login after ${recoveredAt - killedAt} ms; ${outcome.unavailable} answers 503 BFF_STORE_UNAVAILABLE; slowest request ${Math.round(outcome.slowestMs)} ms`,
    );
  }, 90_000);
});
