import type { Redis } from 'ioredis';

/** Deletes every key the server wrote in the shared Redis for one simulated tenant, so runs leave nothing behind. */
export async function forgetTenant(redis: Redis, domain: string): Promise<void> {
  const keys = await redis.keys(`auth0-graph:*${domain}*`);
  if (keys.length > 0) await redis.del(...keys);
}
