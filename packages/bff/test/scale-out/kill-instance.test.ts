/**
 * Chaos: one of two real BFF processes on Redis is killed with SIGKILL (no shutdown, no goodbye) while a
 * bounded load of logins and session reads runs against both. Sessions live in Redis, not in an
 * instance, so none is lost: the count of session keys before and after matches, every session created
 * before the kill still reads as logged in through the survivor, and the only failed requests of the
 * load are those sent to the killed instance. The load is bounded in count and in time; loopback only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countKeysWithPrefix,
  createTestPrefix,
  deleteKeysWithPrefix,
  TEST_REDIS_URL,
} from '../support/redis';
import {
  type BffProcess,
  bffEnv,
  type EmulatorOnLoopback,
  HttpBrowser,
  removeBffEntry,
  startBffProcess,
  startEmulator,
} from './processes';

const prefix = createTestPrefix();
const SESSIONS_BEFORE = 12;
const LOAD_REQUESTS = 400;
const LOAD_DEADLINE_MS = 15_000;
const KILL_AFTER_REQUESTS = 80;
const WORKERS = 4;

let emulator: EmulatorOnLoopback;
let a: BffProcess;
let b: BffProcess;

beforeAll(async () => {
  emulator = await startEmulator();
  const env = bffEnv(emulator.origin, {
    SESSION_STORE: 'redis',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    TRUST_PROXY: 'loopback',
  });
  [a, b] = await Promise.all([startBffProcess(env), startBffProcess(env)]);
});

afterAll(async () => {
  await Promise.all([a?.stop('SIGKILL'), b?.stop()]);
  await emulator?.app.close();
  await deleteKeysWithPrefix(prefix);
  await removeBffEntry();
});

const countSessions = () => countKeysWithPrefix(`${prefix}s:`);

interface Outcome {
  instance: 'a' | 'b';
  kind: 'read' | 'login';
  ok: boolean;
  afterKill: boolean;
  detail?: string;
}

describe('an instance killed under load', () => {
  it('kill -9 of one of two instances under load loses no session, and only requests to the killed one fail', async () => {
    const before: HttpBrowser[] = [];
    for (let i = 0; i < SESSIONS_BEFORE; i++) {
      const browser = new HttpBrowser();
      await browser.login(i % 2 === 0 ? a.url : b.url);
      before.push(browser);
    }
    const countBefore = await countSessions();
    expect(countBefore).toBe(SESSIONS_BEFORE);

    const outcomes: Outcome[] = [];
    const loggedInDuringLoad: HttpBrowser[] = [];
    let killed = false;
    let sent = 0;
    const started = Date.now();
    const worker = async () => {
      while (sent < LOAD_REQUESTS && Date.now() - started < LOAD_DEADLINE_MS) {
        const n = sent++;
        if (n === KILL_AFTER_REQUESTS) {
          a.child.kill('SIGKILL');
          killed = true;
        }
        const instance = n % 2 === 0 ? 'a' : 'b';
        const url = instance === 'a' ? a.url : b.url;
        const afterKill = killed;
        if (n % 10 === 0) {
          const browser = new HttpBrowser();
          try {
            await browser.login(url);
            loggedInDuringLoad.push(browser);
            outcomes.push({ instance, kind: 'login', ok: true, afterKill });
          } catch (error) {
            outcomes.push({ instance, kind: 'login', ok: false, afterKill, detail: String(error) });
          }
          continue;
        }
        const browser = before[n % before.length] as HttpBrowser;
        try {
          const session = await browser.session(url);
          const ok = session.status === 200 && session.authenticated === true;
          outcomes.push({ instance, kind: 'read', ok, afterKill, detail: JSON.stringify(session) });
        } catch (error) {
          outcomes.push({ instance, kind: 'read', ok: false, afterKill, detail: String(error) });
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, () => worker()));
    expect(killed).toBe(true);
    expect(await a.exited).toBe(null); // ended by the signal, not by itself

    const failed = outcomes.filter((o) => !o.ok);
    const failedOnSurvivor = failed.filter((o) => o.instance === 'b');
    expect(failedOnSurvivor, JSON.stringify(failedOnSurvivor.slice(0, 3))).toEqual([]);
    // The killed instance failed only from the kill on (requests in flight at the kill included).
    expect(failed.every((o) => o.instance === 'a')).toBe(true);
    expect(outcomes.filter((o) => o.instance === 'a' && o.ok && o.afterKill).length).toBeLessThanOrEqual(
      WORKERS,
    );
    // The survivor carried the load on after the kill.
    expect(outcomes.filter((o) => o.instance === 'b' && o.ok && o.afterKill).length).toBeGreaterThan(10);

    // 0 lost: every session made before the kill reads as logged in through the survivor, and the
    // store holds each of them plus each login the load completed.
    for (const browser of before) expect(await browser.session(b.url)).toMatchObject({ authenticated: true });
    for (const browser of loggedInDuringLoad)
      expect(await browser.session(b.url)).toMatchObject({ authenticated: true });
    const countAfter = await countSessions();
    expect(countAfter).toBe(countBefore + loggedInDuringLoad.length);
    console.info(
      `kill -9 under load: ${outcomes.length} requests in ${Date.now() - started} ms, ` +
        `${failed.length} failed (all to the killed instance), sessions ${countBefore} before, ` +
        `${countAfter} after (${loggedInDuringLoad.length} new logins during the load)`,
    );
  }, 60_000);
});
