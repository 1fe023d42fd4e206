/**
 * In-memory store for tests and quick local runs. Single process only; refused in production by the
 * configuration. JavaScript's single thread makes each method atomic.
 */
import type {
  BffStore,
  ConsumeResult,
  CounterResult,
  StoredCallbackReceipt,
  StoredSession,
  StoredTransaction,
} from './store';

export function createMemoryStore(): BffStore {
  const sessions = new Map<string, StoredSession>();
  const transactions = new Map<string, StoredTransaction>();
  const counters = new Map<string, CounterResult>();
  const receipts = new Map<string, StoredCallbackReceipt>();

  return {
    kind: 'memory',

    async createTransaction(transaction, maxPerBrowser) {
      transactions.delete(transaction.stateHash);
      transactions.set(transaction.stateHash, { ...transaction });
      // Map order is insertion order: the oldest of this browser come first (ties in createdAt included).
      const mine = [...transactions.values()].filter((t) => t.bindingHash === transaction.bindingHash);
      for (const old of mine.slice(0, Math.max(0, mine.length - maxPerBrowser)))
        transactions.delete(old.stateHash);
    },

    async consumeTransaction(stateHash, bindingHash, now): Promise<ConsumeResult> {
      const found = transactions.get(stateHash);
      if (!found || found.expiresAt <= now) return { status: 'missing' };
      if (found.bindingHash !== bindingHash) return { status: 'binding-mismatch' };
      transactions.delete(stateHash);
      let remaining = 0;
      for (const t of transactions.values())
        if (t.bindingHash === bindingHash && t.expiresAt > now) remaining++;
      return { status: 'consumed', transaction: found, remainingForBrowser: remaining };
    },

    async saveCallbackReceipt(receipt) {
      receipts.set(receipt.stateHash, { ...receipt });
    },

    async readCallbackReceipt(stateHash, now) {
      const found = receipts.get(stateHash);
      return found && found.expiresAt > now ? { ...found } : undefined;
    },

    async createSession(session) {
      sessions.set(session.idHash, { ...session });
    },

    async readSession(idHash, now) {
      const found = sessions.get(idHash);
      return found && found.idleExpiresAt > now ? { ...found } : undefined;
    },

    async touchSession(idHash, idleExpiresAt, now) {
      const found = sessions.get(idHash);
      if (!found || found.idleExpiresAt <= now) return false;
      found.idleExpiresAt = Math.min(idleExpiresAt, found.absoluteExpiresAt);
      return true;
    },

    async deleteSession(idHash) {
      sessions.delete(idHash);
    },

    async listSessionsBySub(sub, now) {
      return [...sessions.values()]
        .filter((s) => s.sub === sub && s.idleExpiresAt > now)
        .map((s) => ({ ...s }));
    },

    async deleteSessionsBySub(sub) {
      let ended = 0;
      for (const [key, s] of sessions) if (s.sub === sub && sessions.delete(key)) ended++;
      return ended;
    },

    async incrementCounter(key, windowMs, now) {
      const current = counters.get(key);
      const next =
        current && current.resetAt > now
          ? { count: current.count + 1, resetAt: current.resetAt }
          : { count: 1, resetAt: now + windowMs };
      counters.set(key, next);
      return { ...next };
    },

    async sweep(now) {
      for (const [key, s] of sessions) if (s.idleExpiresAt <= now) sessions.delete(key);
      for (const [key, t] of transactions) if (t.expiresAt <= now) transactions.delete(key);
      for (const [key, c] of counters) if (c.resetAt <= now) counters.delete(key);
      for (const [key, r] of receipts) if (r.expiresAt <= now) receipts.delete(key);
    },

    async ping() {},
    async close() {
      sessions.clear();
      transactions.clear();
      counters.clear();
      receipts.clear();
    },
  };
}
