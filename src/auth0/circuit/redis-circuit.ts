import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { CircuitStore } from './shared-circuit.ts';

export interface RedisCircuitOptions {
  /** The key, naming the tenant, e.g. `auth0-graph:circuit:acme.eu.auth0.com`. */
  readonly key: string;
}

const interval = z.coerce.number().int().positive();

/**
 * The tenant's open circuit as one Redis key: its value the interval, its expiry the end of the open period. The
 * remaining time is read as the key's TTL, on Redis's clock, so replicas with skewed clocks agree on when to probe.
 * The caller owns the connection.
 */
export function createRedisCircuit(redis: Redis, options: RedisCircuitOptions): CircuitStore {
  const { key } = options;
  return {
    async read() {
      const replies = await redis.multi().get(key).pttl(key).exec();
      const [value, ttl] = (replies ?? []).map(([error, reply]) => {
        if (error !== null) throw error;
        return reply;
      });
      const intervalMs = interval.safeParse(value);
      const remainingMs = typeof ttl === 'number' ? ttl : -1;
      return intervalMs.success && remainingMs > 0 ? { intervalMs: intervalMs.data, remainingMs } : undefined;
    },
    async open(intervalMs, forMs) {
      await redis.set(key, String(intervalMs), 'PX', Math.max(1, Math.round(forMs)));
    },
    async close() {
      await redis.del(key);
    },
  };
}
