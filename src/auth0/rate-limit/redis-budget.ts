import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { SharedBucketSpec, SharedBudget } from './shared-budget.ts';

/**
 * Refill-and-take for up to a few buckets in one atomic step, on Redis's clock so replicas with skewed clocks agree.
 * A bucket is a hash {tokens, at}; refill is computed lazily from `at`, so a refused take writes nothing.
 */
const TAKE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait = 0
local levels = {}
for i, key in ipairs(KEYS) do
  local capacity = tonumber(ARGV[i * 2 - 1])
  local rate = tonumber(ARGV[i * 2])
  local saved = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(saved[1]) or capacity
  local at = tonumber(saved[2]) or now
  if now > at then tokens = tokens + (now - at) * rate end
  if tokens > capacity then tokens = capacity end
  levels[i] = tokens
  if tokens < 1 then wait = math.max(wait, math.ceil((1 - tokens) / rate)) end
end
if wait == 0 then
  for i, key in ipairs(KEYS) do
    local capacity = tonumber(ARGV[i * 2 - 1])
    local rate = tonumber(ARGV[i * 2])
    redis.call('HSET', key, 'tokens', tostring(levels[i] - 1), 'at', tostring(now))
    redis.call('PEXPIRE', key, math.ceil(capacity / rate) + 60000)
  end
end
return wait
`;

const waitReply = z.number().int().nonnegative();

export interface RedisBudgetOptions {
  /** Key prefix naming the tenant, e.g. `auth0-graph:rate:acme.eu.auth0.com`. */
  readonly prefix: string;
}

/** The shared budget in Redis (REDIS_URL). The caller owns the connection. */
export function createRedisBudget(redis: Redis, options: RedisBudgetOptions): SharedBudget {
  return {
    async take(buckets: readonly SharedBucketSpec[]) {
      if (buckets.length === 0) return 0;
      const keys = buckets.map((bucket) => `${options.prefix}:${bucket.name}`);
      const args = buckets.flatMap((bucket) => [String(bucket.capacity), String(bucket.perSecond / 1000)]);
      const reply = await redis.eval(TAKE_SCRIPT, keys.length, ...keys, ...args);
      return waitReply.parse(reply);
    },
  };
}
