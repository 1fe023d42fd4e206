/**
 * A Redis failover under a bounded login load, on a real BFF process, on each replicated topology this
 * file starts for itself (redis-topologies.ts, private loopback ports, never the shared Redis):
 * - Sentinel: master + 1 replica + 3 sentinels; the sentinels promote the replica;
 * - Cluster: 3 masters with 1 replica each; the killed master's replica is promoted by the cluster, and
 *   the BFF's client learns the new slot owner from the cluster itself.
 * One master is killed with SIGKILL while browsers log in and read their sessions; the BFF finds the new
 * master by itself (no restart).
 *
 * "Committed" here means: the callback answered 302 with a session cookie. With `REDIS_WAIT_REPLICAS=1`
 * the BFF answers so only after the replica acknowledged the session (Redis `WAIT`), so a committed
 * session is on the replica that gets promoted. Proven, with the count of sessions in Redis before the
 * kill and after the failover: every committed browser is still logged in, and the masters hold at least
 * as many sessions as were committed (0 lost). Every request during the outage answers 503
 * `BFF_STORE_UNAVAILABLE` or succeeds, within a bound (never a hang, never a 500). After the failover, new
 * logins whose session lands on the promoted master succeed, and the BFF's eviction watch
 * (store/redis-evictions.ts) is subscribed there.
 *
 * The killed master is started again once the replica has been promoted, as an operator's supervisor
 * would: with one replica, "replicated" needs that second node back (the promoted master has none until
 * then, so `WAIT 1` cannot be met and the BFF answers 503). A Sentinel group's old master is restarted as
 * a replica of the new one; a Cluster node rejoins from its nodes.conf and the cluster demotes it.
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
import {
  commandOn,
  type RedisNode,
  startCluster,
  startSentinelGroup,
  waitUntil,
} from '../store/redis-topologies';
import { countKeysWithPrefix } from '../support/redis';

/** Longest any one request may take: REDIS_TIMEOUT (500 ms) for each store call of a login, plus margin. */
const REQUEST_LIMIT_MS = 4000;
const MAX_LOGINS = 400;
const LOAD_DEADLINE_MS = 40_000;
/** The BFF's default REDIS_KEY_PREFIX, then the session keys' own prefix (redis-scripts.ts). */
const SESSION_KEYS = 'sgid-bff:s:';

/** One replicated topology, as this test drives it. */
interface FailoverRig {
  /** The BFF's variables naming the topology. */
  env: Record<string, string>;
  /** The master this test kills. */
  victim: RedisNode;
  /** The node that should take the victim's place. */
  heir: RedisNode;
  /** Every data node (masters and replicas, whatever their role now). */
  dataNodes: RedisNode[];
  /** True once the heir serves as master (per the sentinels, or the cluster). */
  promoted: () => Promise<boolean>;
  /** Start the killed master again, so that the heir has a replica. */
  rejoin: () => Promise<void>;
  stop: () => Promise<void>;
}

async function isMaster(node: RedisNode): Promise<boolean> {
  return (await commandOn(node.port, 'ROLE')).startsWith('master');
}

/** Sessions held by the masters (a replica's copies are not counted twice). */
async function countSessions(rig: FailoverRig, except?: RedisNode): Promise<number> {
  let total = 0;
  for (const node of rig.dataNodes) {
    if (node === except || !(await isMaster(node))) continue;
    total += await countKeysWithPrefix(SESSION_KEYS, `redis://${node.address}`);
  }
  return total;
}

async function sentinelRig(): Promise<FailoverRig> {
  const group = await startSentinelGroup();
  return {
    env: { REDIS_SENTINELS: group.sentinelList, REDIS_SENTINEL_NAME: group.name },
    victim: group.master,
    heir: group.replica,
    dataNodes: [group.master, group.replica],
    promoted: async () => (await group.currentMaster()) === group.replica.address,
    // The sentinels would make it a replica too, but only ~10 s after it returns (their INFO period); a
    // supervisor restarting it as a replica is faster and keeps the test short.
    rejoin: () => group.master.restart(['--replicaof', '127.0.0.1', String(group.replica.port)]),
    stop: group.stop,
  };
}

async function clusterRig(): Promise<FailoverRig> {
  const cluster = await startCluster(1);
  const victim = cluster.masters[0] as RedisNode;
  // `ROLE` on a replica: slave, master host, master port, ...
  const roles = await Promise.all(cluster.replicas.map((r) => commandOn(r.port, 'ROLE')));
  const heir = cluster.replicas.find((_, i) => roles[i]?.split('\n')[2] === String(victim.port));
  if (heir === undefined) throw new Error(`no replica of ${victim.address} in the cluster`);
  const survivors = [...cluster.masters, ...cluster.replicas].filter((n) => n !== victim);
  return {
    env: { REDIS_CLUSTER_NODES: cluster.nodeList },
    victim,
    heir,
    dataNodes: [...cluster.masters, ...cluster.replicas],
    promoted: async () => {
      if (!(await isMaster(heir))) return false;
      for (const node of survivors)
        if (!(await commandOn(node.port, 'CLUSTER', 'INFO')).includes('cluster_state:ok')) return false;
      return true;
    },
    rejoin: () => victim.restart(),
    stop: cluster.stop,
  };
}

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
async function loginAndRead(bff: BffProcess, outcome: Outcome): Promise<boolean> {
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

afterAll(removeBffEntry);

const TOPOLOGIES = [
  { topology: 'Sentinel', start: sentinelRig },
  { topology: 'Cluster', start: clusterRig },
];

for (const { topology, start } of TOPOLOGIES)
  describe(`Redis ${topology} failover`, () => {
    let rig: FailoverRig;
    let emulator: EmulatorOnLoopback;
    let bff: BffProcess;

    beforeAll(async () => {
      rig = await start();
      emulator = await startEmulator();
      bff = await startBffProcess(
        bffEnv(emulator.origin, {
          SESSION_STORE: 'redis',
          ...rig.env,
          REDIS_TIMEOUT: '500ms',
          REDIS_WAIT_REPLICAS: '1',
          TRUST_PROXY: 'loopback',
        }),
      );
    }, 60_000);
    afterAll(async () => {
      await bff?.stop();
      await emulator?.app.close();
      await rig?.stop();
    });

    it('a killed master under login load: the replica takes over, no committed session is lost, requests answer 503 or succeed, the BFF recovers by itself', async () => {
      const outcome: Outcome = { committed: [], unexpected: [], unavailable: 0, slowestMs: 0 };
      expect(await isMaster(rig.victim)).toBe(true);
      expect(await rig.promoted()).toBe(false);

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
          const ok = await loginAndRead(bff, outcome);
          // Recovered: a whole login begun after the failover (and the old master's return) went through.
          if (ok && rejoinedAt > 0 && startedAt > rejoinedAt && recoveredAt === 0) recoveredAt = Date.now();
          if (!ok) await new Promise((resolve) => setTimeout(resolve, 200));
        }
      };
      const load = Promise.all([worker(), worker(), worker()]);

      await new Promise((resolve) => setTimeout(resolve, 1000));
      // Counted with the load running: sessions committed after the count only add to it.
      const committedBeforeKill = outcome.committed.length;
      const sessionsBeforeKill = await countSessions(rig);
      expect(committedBeforeKill, JSON.stringify(outcome)).toBeGreaterThan(0);
      expect(sessionsBeforeKill).toBeGreaterThanOrEqual(committedBeforeKill);
      rig.victim.child.kill('SIGKILL');
      killedAt = Date.now();
      await waitUntil('the replica is promoted', rig.promoted);
      const promotedAfterMs = Date.now() - killedAt;
      await rig.rejoin();
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
      // The old master is the heir's replica now (a Cluster node learns it by gossip, within moments of
      // its return): only the masters' sessions count, and the heir's writes can be replicated.
      await waitUntil('the old master serves as the replica of the new one', async () =>
        (await commandOn(rig.heir.port, 'INFO', 'replication')).includes(
          `port=${rig.victim.port},state=online`,
        ),
      );
      expect(await isMaster(rig.victim)).toBe(false);
      // The BFF's eviction watch (store/redis-evictions.ts) listens on the new master too.
      await waitUntil(
        'the eviction watch subscribes on the new master',
        async () => Number(await commandOn(rig.heir.port, 'PUBSUB', 'NUMPAT')) >= 1,
      );
      const committed = outcome.committed.length;
      const sessionsAfter = await countSessions(rig);
      expect(sessionsAfter).toBeGreaterThanOrEqual(committed);

      // New sessions are written to the promoted master too (on a Cluster, a third of them land there):
      // logins until one has, each of them successful.
      const onHeir = () => countKeysWithPrefix(SESSION_KEYS, `redis://${rig.heir.address}`);
      const heirBefore = await onHeir();
      let afterwards = 0;
      while ((await onHeir()) === heirBefore && afterwards < 30) {
        afterwards++;
        expect(await loginAndRead(bff, outcome)).toBe(true);
      }
      expect(await onHeir()).toBeGreaterThan(heirBefore);
      expect(outcome.unexpected).toEqual([]);

      console.info(
        `${topology} failover: ${logins} logins started, ${committed} committed (${committedBeforeKill} before the kill); ` +
          `sessions in Redis ${sessionsBeforeKill} before the kill, ${sessionsAfter} after (0 lost); replica promoted ${promotedAfterMs} ms after SIGKILL; ` +
          `first login after ${recoveredAt - killedAt} ms; ${outcome.unavailable} answers 503 BFF_STORE_UNAVAILABLE; slowest request ${Math.round(outcome.slowestMs)} ms; ` +
          `${afterwards} new logins until one wrote to the promoted master`,
      );
    }, 90_000);
  });
