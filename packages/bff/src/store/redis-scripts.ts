/**
 * Lua scripts that make the Redis store's multi-key operations atomic (one round trip each).
 *
 * Key layout under the configured prefix, chosen so that it works unchanged on one server, Sentinel and
 * Cluster — every script touches one hash slot:
 * - `s:<idHash>` session hash; `u:<sub>` set of a subject's session hashes. A session and its subject's
 *   index cannot share a slot (a session is read by `idHash` alone, on every request, so it cannot carry
 *   the subject's tag without a second lookup on the hot path). So no script spans both: the session is
 *   written first, then indexed; a session is deleted first, then unindexed (redis-store.ts says why each
 *   order is safe). Names and types are those of the single-server layout, so existing sessions survive the
 *   upgrade.
 * - `x:<stateHash>` → bindingHash: finds a transaction from its `state` alone;
 *   `t:{<bindingHash>}:<stateHash>` transaction hash, `b:{<bindingHash>}` sorted set of that browser's
 *   transactions, `b:{<bindingHash>}:n` its insertion sequence. One browser's transactions share the
 *   `{bindingHash}` tag, so the cap on them and the single-use consume stay atomic on a Cluster.
 * - `r:<stateHash>` callback receipt, `c:<key>` counter: single keys.
 * Scripts reach keys built from `ARGV` only inside their own tag's slot (never across slots).
 * Timestamps stay strings where possible: Lua 5.1 numbers are doubles.
 */

/** KEYS: tx, browserSet, browserSeq. ARGV: stateHash, payload, createdAt, expiresAt, ttlMs, max, txKeyStem. */
export const CREATE_TRANSACTION = `
redis.call('HSET', KEYS[1], 'p', ARGV[2], 'c', ARGV[3], 'e', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
-- A per-browser sequence orders logins started in the same millisecond.
local seq = redis.call('INCR', KEYS[3])
redis.call('PEXPIRE', KEYS[3], ARGV[5])
redis.call('ZADD', KEYS[2], seq, ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[6])
if excess > 0 then
  for _, h in ipairs(redis.call('ZRANGE', KEYS[2], 0, excess - 1)) do redis.call('DEL', ARGV[7] .. h) end
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
end
return 1`;

/** KEYS: tx, browserSet. ARGV: now, stateHash, txKeyStem. The binding was checked by its key's tag. */
export const CONSUME_TRANSACTION = `
local t = redis.call('HMGET', KEYS[1], 'p', 'c', 'e')
if not t[1] or tonumber(t[3]) <= tonumber(ARGV[1]) then return {'missing'} end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[2])
local remaining = 0
for _, h in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  local e = redis.call('HGET', ARGV[3] .. h, 'e')
  if e and tonumber(e) > tonumber(ARGV[1]) then remaining = remaining + 1 end
end
return {'consumed', t[1], t[2], t[3], remaining}`;

/** KEYS: session. ARGV: sub, payload, loginAt, idle, absolute, idleTtlMs. */
export const SAVE_SESSION = `
redis.call('HSET', KEYS[1], 'u', ARGV[1], 'p', ARGV[2], 'l', ARGV[3], 'i', ARGV[4], 'a', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1`;

/** KEYS: subSet. ARGV: idHash, absoluteTtlMs. The index lives as long as its longest-lived session. */
export const INDEX_SESSION = `
redis.call('SADD', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1`;

/**
 * KEYS: session. ARGV: wanted idle expiry, now. Only ever moves the expiry forward: two instances touching
 * at once (with slightly different clocks) cannot shorten a session.
 */
export const TOUCH_SESSION = `
local s = redis.call('HMGET', KEYS[1], 'i', 'a')
if not s[1] or tonumber(s[1]) <= tonumber(ARGV[2]) then return 0 end
local idle = ARGV[1]
if tonumber(idle) > tonumber(s[2]) then idle = s[2] end
if tonumber(idle) <= tonumber(s[1]) then return 1 end
redis.call('HSET', KEYS[1], 'i', idle)
redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(idle) - tonumber(ARGV[2])))
return 1`;

/** KEYS: session. Deletes it and answers its subject (false when there was none), for unindexing. */
export const DELETE_SESSION = `
local sub = redis.call('HGET', KEYS[1], 'u')
redis.call('DEL', KEYS[1])
return sub`;

/** KEYS: counter. ARGV: now, resetAt, windowMs. */
export const INCREMENT_COUNTER = `
local c = redis.call('HMGET', KEYS[1], 'n', 'r')
if c[1] and tonumber(c[2]) > tonumber(ARGV[1]) then
  return {redis.call('HINCRBY', KEYS[1], 'n', 1), c[2]}
end
redis.call('HSET', KEYS[1], 'n', 1, 'r', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {1, ARGV[2]}`;
