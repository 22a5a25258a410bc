import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { SharedBucketSpec, SharedBudget } from './shared-budget.ts';

/**
 * Refill-and-take for up to a few buckets in one atomic step, on Redis's clock so replicas with skewed clocks agree.
 * A bucket is a hash {tokens, at}; refill is computed lazily from `at`, so a refused take writes nothing. A bucket
 * given a ceiling (its third argument, empty when none) is first lowered to it, refused take or not.
 */
const TAKE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait = 0
local levels = {}
for i, key in ipairs(KEYS) do
  local capacity = tonumber(ARGV[i * 3 - 2])
  local rate = tonumber(ARGV[i * 3 - 1])
  local atMost = tonumber(ARGV[i * 3])
  local saved = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(saved[1]) or capacity
  local at = tonumber(saved[2]) or now
  if now > at then tokens = tokens + (now - at) * rate end
  if tokens > capacity then tokens = capacity end
  if atMost and tokens > atMost then
    tokens = atMost
    redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(now))
    redis.call('PEXPIRE', key, math.ceil(capacity / rate) + 60000)
  end
  levels[i] = tokens
  if tokens < 1 then wait = math.max(wait, math.ceil((1 - tokens) / rate)) end
end
if wait == 0 then
  for i, key in ipairs(KEYS) do
    local capacity = tonumber(ARGV[i * 3 - 2])
    local rate = tonumber(ARGV[i * 3 - 1])
    redis.call('HSET', key, 'tokens', tostring(levels[i] - 1), 'at', tostring(now))
    redis.call('PEXPIRE', key, math.ceil(capacity / rate) + 60000)
  end
end
return wait
`;

/**
 * A replica's entry is a key of its own that expires unless refreshed, listed in a set so the others can find it
 * without scanning; an entry found expired is dropped from the set. Replies with this replica's demand first.
 * KEYS: the set, this replica's key. ARGV: its id, its demand, the entry's life in ms, the prefix of entry keys.
 */
const REPORT_SCRIPT = `
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 10)
local demands = { ARGV[2] }
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if id ~= ARGV[1] then
    local demand = redis.call('GET', ARGV[4] .. id)
    if demand then demands[#demands + 1] = demand else redis.call('SREM', KEYS[1], id) end
  end
end
return demands
`;

const waitReply = z.number().int().nonnegative();
const demandsReply = z.array(z.coerce.number().nonnegative()).min(1);

export interface RedisBudgetOptions {
  /** Key prefix naming the tenant, e.g. `auth0-graph:rate:acme.eu.auth0.com`. */
  readonly prefix: string;
  /** A take or report not answered by then counts as Redis down. @default 250 */
  readonly timeoutMs?: number;
  /** How long a replica counts as alive after its last report. @default 2_000 */
  readonly replicaTtlMs?: number;
}

/** The shared budget in Redis (REDIS_URL). The caller owns the connection. */
export function createRedisBudget(redis: Redis, options: RedisBudgetOptions): SharedBudget {
  const { prefix, timeoutMs = 250, replicaTtlMs = 2_000 } = options;
  const id = randomUUID();
  const entryPrefix = `${prefix}:replica:`;

  return {
    async take(buckets: readonly SharedBucketSpec[]) {
      if (buckets.length === 0) return 0;
      const keys = buckets.map((bucket) => `${prefix}:${bucket.name}`);
      const args = buckets.flatMap((bucket) => [String(bucket.capacity), String(bucket.perSecond / 1000), bucket.atMost === undefined ? '' : String(bucket.atMost)]);
      const reply = await within(timeoutMs, redis.eval(TAKE_SCRIPT, keys.length, ...keys, ...args));
      return waitReply.parse(reply);
    },
    async report(demandPerSecond) {
      const reply = await within(timeoutMs, redis.eval(REPORT_SCRIPT, 2, `${prefix}:replicas`, `${entryPrefix}${id}`, id, String(demandPerSecond), String(replicaTtlMs), entryPrefix));
      return demandsReply.parse(reply);
    },
  };
}

/** A Redis that accepts the connection but does not answer is as down as one that refuses it. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
