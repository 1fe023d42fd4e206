/**
 * Lua scripts that make the Redis store's multi-key operations atomic (one round trip each). Keys under the
 * configured prefix: `s:<idHash>` session hash, `u:<sub>` set of a subject's session hashes, `t:<stateHash>`
 * transaction hash, `b:<bindingHash>` sorted set of a browser's transactions, `c:<key>` counter.
 * Scripts derive some keys from the prefix, so they assume one Redis (not Cluster); documented.
 * Timestamps stay strings where possible: Lua 5.1 numbers are doubles.
 */

/** KEYS: tx, browserSet. ARGV: stateHash, bindingHash, payload, createdAt, expiresAt, ttlMs, max, prefix. */
export const CREATE_TRANSACTION = `
redis.call('HSET', KEYS[1], 'b', ARGV[2], 'p', ARGV[3], 'c', ARGV[4], 'e', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
-- A per-prefix sequence orders logins started in the same millisecond.
redis.call('ZADD', KEYS[2], redis.call('INCR', ARGV[8] .. 'seq'), ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[7])
if excess > 0 then
  for _, h in ipairs(redis.call('ZRANGE', KEYS[2], 0, excess - 1)) do redis.call('DEL', ARGV[8] .. 't:' .. h) end
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
end
return 1`;

/** KEYS: tx. ARGV: bindingHash, now, prefix, stateHash. */
export const CONSUME_TRANSACTION = `
local t = redis.call('HMGET', KEYS[1], 'b', 'p', 'c', 'e')
if not t[1] or tonumber(t[4]) <= tonumber(ARGV[2]) then return {'missing'} end
if t[1] ~= ARGV[1] then return {'binding-mismatch'} end
redis.call('DEL', KEYS[1])
local set = ARGV[3] .. 'b:' .. ARGV[1]
redis.call('ZREM', set, ARGV[4])
local remaining = 0
for _, h in ipairs(redis.call('ZRANGE', set, 0, -1)) do
  local e = redis.call('HGET', ARGV[3] .. 't:' .. h, 'e')
  if e and tonumber(e) > tonumber(ARGV[2]) then remaining = remaining + 1 end
end
return {'consumed', t[2], t[3], t[4], remaining}`;

/** KEYS: session, subSet. ARGV: idHash, sub, payload, loginAt, idle, absolute, idleTtlMs, absoluteTtlMs. */
export const CREATE_SESSION = `
redis.call('HSET', KEYS[1], 'u', ARGV[2], 'p', ARGV[3], 'l', ARGV[4], 'i', ARGV[5], 'a', ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('SADD', KEYS[2], ARGV[1])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[8]) then redis.call('PEXPIRE', KEYS[2], ARGV[8]) end
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

/** KEYS: session. ARGV: prefix, idHash. */
export const DELETE_SESSION = `
local sub = redis.call('HGET', KEYS[1], 'u')
redis.call('DEL', KEYS[1])
if sub then redis.call('SREM', ARGV[1] .. 'u:' .. sub, ARGV[2]) end
return 1`;

/** KEYS: subSet. ARGV: prefix. */
export const DELETE_SESSIONS_BY_SUB = `
local ended = 0
for _, h in ipairs(redis.call('SMEMBERS', KEYS[1])) do ended = ended + redis.call('DEL', ARGV[1] .. 's:' .. h) end
redis.call('DEL', KEYS[1])
return ended`;

/** KEYS: counter. ARGV: now, resetAt, windowMs. */
export const INCREMENT_COUNTER = `
local c = redis.call('HMGET', KEYS[1], 'n', 'r')
if c[1] and tonumber(c[2]) > tonumber(ARGV[1]) then
  return {redis.call('HINCRBY', KEYS[1], 'n', 1), c[2]}
end
redis.call('HSET', KEYS[1], 'n', 1, 'r', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {1, ARGV[2]}`;
