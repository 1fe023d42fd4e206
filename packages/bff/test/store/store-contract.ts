/**
 * The behaviour every store must have, run against memory, SQLite and Redis alike (store.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { BffStore, StoredSession, StoredTransaction } from '../../src/store/store';

const T0 = 1_700_000_000_000;

function session(idHash: string, sub = 'sub-1', at = T0): StoredSession {
  return {
    idHash,
    sub,
    payload: '{"sub":"x"}',
    loginAt: at,
    idleExpiresAt: at + 1000,
    absoluteExpiresAt: at + 5000,
  };
}

function transaction(stateHash: string, bindingHash: string, at = T0): StoredTransaction {
  return { stateHash, bindingHash, payload: `{"s":"${stateHash}"}`, createdAt: at, expiresAt: at + 600_000 };
}

export function describeStoreContract(name: string, open: () => Promise<BffStore>): void {
  describe(`${name} store contract`, () => {
    const withStore = (test: (store: BffStore) => Promise<void>) => async () => {
      const store = await open();
      try {
        await test(store);
      } finally {
        await store.close();
      }
    };

    it(
      'a callback receipt is kept until its expiry and replaced by a later save',
      withStore(async (store) => {
        const receipt = {
          stateHash: 'rs1',
          bindingHash: 'b1',
          payload: '{"status":"pending"}',
          expiresAt: T0 + 600,
        };
        await store.saveCallbackReceipt(receipt, T0);
        expect(await store.readCallbackReceipt('rs1', T0 + 1)).toEqual(receipt);
        await store.saveCallbackReceipt({ ...receipt, payload: '{"status":"done"}' }, T0 + 2);
        expect(await store.readCallbackReceipt('rs1', T0 + 3)).toMatchObject({
          payload: '{"status":"done"}',
        });
        expect(await store.readCallbackReceipt('rs1', T0 + 600)).toBeUndefined();
        expect(await store.readCallbackReceipt('unknown', T0)).toBeUndefined();
      }),
    );

    it(
      'a transaction is consumed once',
      withStore(async (store) => {
        await store.createTransaction(transaction('s1', 'b1'), 5);
        const first = await store.consumeTransaction('s1', 'b1', T0 + 1);
        expect(first).toMatchObject({
          status: 'consumed',
          transaction: { payload: '{"s":"s1"}', createdAt: T0 },
        });
        expect(await store.consumeTransaction('s1', 'b1', T0 + 2)).toEqual({ status: 'missing' });
      }),
    );

    it(
      'concurrent consumes of one transaction have exactly one winner',
      withStore(async (store) => {
        await store.createTransaction(transaction('race', 'b1'), 5);
        const results = await Promise.all(
          Array.from({ length: 8 }, () => store.consumeTransaction('race', 'b1', T0)),
        );
        expect(results.filter((r) => r.status === 'consumed')).toHaveLength(1);
      }),
    );

    it(
      'a transaction bound to another browser is neither returned nor consumed',
      withStore(async (store) => {
        await store.createTransaction(transaction('s2', 'b1'), 5);
        expect(await store.consumeTransaction('s2', 'other', T0)).toEqual({ status: 'binding-mismatch' });
        expect((await store.consumeTransaction('s2', 'b1', T0)).status).toBe('consumed');
      }),
    );

    it(
      'an expired transaction is missing',
      withStore(async (store) => {
        await store.createTransaction(transaction('s3', 'b1'), 5);
        expect(await store.consumeTransaction('s3', 'b1', T0 + 600_000)).toEqual({ status: 'missing' });
      }),
    );

    it(
      'a browser keeps at most the newest transactions and reports how many remain',
      withStore(async (store) => {
        for (let i = 0; i < 4; i++) await store.createTransaction(transaction(`cap${i}`, 'b9'), 3);
        expect((await store.consumeTransaction('cap0', 'b9', T0 + 10)).status).toBe('missing');
        const taken = await store.consumeTransaction('cap3', 'b9', T0 + 10);
        expect(taken).toMatchObject({ status: 'consumed', remainingForBrowser: 2 });
      }),
    );

    it(
      'a session is read until its idle expiry',
      withStore(async (store) => {
        await store.createSession(session('h1'));
        expect(await store.readSession('h1', T0 + 999)).toEqual(session('h1'));
        expect(await store.readSession('h1', T0 + 1000)).toBeUndefined();
        expect(await store.readSession('nope', T0)).toBeUndefined();
      }),
    );

    it(
      'touching extends the idle expiry but never past the absolute one',
      withStore(async (store) => {
        await store.createSession(session('h2'));
        expect(await store.touchSession('h2', T0 + 3000, T0 + 500)).toBe(true);
        expect((await store.readSession('h2', T0 + 2000))?.idleExpiresAt).toBe(T0 + 3000);
        expect(await store.touchSession('h2', T0 + 99_000, T0 + 2500)).toBe(true);
        expect((await store.readSession('h2', T0 + 2600))?.idleExpiresAt).toBe(T0 + 5000);
      }),
    );

    it(
      'touching never revives an expired or deleted session',
      withStore(async (store) => {
        await store.createSession(session('h3'));
        expect(await store.touchSession('h3', T0 + 4000, T0 + 1000)).toBe(false);
        expect(await store.readSession('h3', T0 + 1001)).toBeUndefined();
        await store.createSession(session('h4'));
        await store.deleteSession('h4');
        expect(await store.touchSession('h4', T0 + 4000, T0 + 1)).toBe(false);
        expect(await store.readSession('h4', T0 + 1)).toBeUndefined();
      }),
    );

    it(
      'sessions are listed and revoked by subject',
      withStore(async (store) => {
        await store.createSession(session('a1', 'alice'));
        await store.createSession(session('a2', 'alice'));
        await store.createSession(session('b1', 'bob'));
        const listed = await store.listSessionsBySub('alice', T0 + 1);
        expect(listed.map((s) => s.idHash).sort()).toEqual(['a1', 'a2']);
        await store.deleteSession('a1');
        expect((await store.listSessionsBySub('alice', T0 + 1)).map((s) => s.idHash)).toEqual(['a2']);
        expect(await store.deleteSessionsBySub('alice')).toBe(1);
        expect(await store.readSession('a2', T0 + 1)).toBeUndefined();
        expect(await store.readSession('b1', T0 + 1)).toBeDefined();
      }),
    );

    it(
      'counters count within a window and restart after it',
      withStore(async (store) => {
        expect(await store.incrementCounter('ip', 60_000, T0)).toEqual({ count: 1, resetAt: T0 + 60_000 });
        expect(await store.incrementCounter('ip', 60_000, T0 + 10)).toEqual({
          count: 2,
          resetAt: T0 + 60_000,
        });
        expect(await store.incrementCounter('ip', 60_000, T0 + 60_000)).toEqual({
          count: 1,
          resetAt: T0 + 120_000,
        });
      }),
    );

    it(
      'sweeping removes what has expired and keeps the rest',
      withStore(async (store) => {
        await store.createSession(session('old'));
        await store.createSession(session('new', 'sub-1', T0 + 10_000));
        await store.sweep(T0 + 2000);
        expect(await store.readSession('new', T0 + 10_001)).toBeDefined();
        // Redis expires by TTL in real time instead; its sweep is a no-op.
        if (store.kind !== 'redis') expect(await store.readSession('old', T0)).toBeUndefined();
        await store.ping();
      }),
    );
  });
}
