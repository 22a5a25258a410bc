import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth0Client } from '../../src/auth0/index.ts';
import { createRedisBudget } from '../../src/auth0/rate-limit/redis-budget.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import { clientSettingsFor } from '../../src/simulator/client-settings.ts';

const prefix = `auth0-graph-test:${randomUUID()}`;
let redis: Redis;

beforeAll(() => {
  redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: false, maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe('a rate budget shared through Redis', () => {
  it('takes one token from every bucket at once, or none, and says how long to wait', async () => {
    const budget = createRedisBudget(redis, { prefix: `${prefix}:unit` });
    const buckets = [
      { name: 'global', capacity: 3, perSecond: 1 },
      { name: 'users', capacity: 2, perSecond: 1 },
    ];
    expect(await budget.take(buckets)).toBe(0);
    expect(await budget.take(buckets)).toBe(0);
    const wait = await budget.take(buckets);
    expect(wait).toBeGreaterThan(500);
    expect(wait).toBeLessThanOrEqual(1000);
    // The refused take spent nothing: the global bucket still holds its third token.
    expect(await budget.take([{ name: 'global', capacity: 3, perSecond: 1 }])).toBe(0);
  });

  it('two replicas against one 5/s tenant: together they stay within the limit with no 429', async () => {
    const sim = await startSimulator({ rateLimit: { global: { burst: 5, perSecond: 5 } }, size: { users: 20, organizations: 2, largestOrganizationMembers: 5, applications: 2, statsDays: 1 } });
    const settings = clientSettingsFor(sim, { plan: 'free', rateLimit: 5, rateBurst: 5 });
    // A budget each, as each replica process has: two entries in Redis, two shares.
    const replicas = [0, 1].map(() => createAuth0Client(settings, { sharedBudget: createRedisBudget(redis, { prefix: `${prefix}:${sim.domain}` }) }));
    try {
      const deadline = Date.now() + 3_000;
      const results = await Promise.allSettled(replicas.flatMap((client) => Array.from({ length: 15 }, () => client.get({ path: '/roles', deadline }))));
      const served = results.filter((result) => result.status === 'fulfilled').length;
      expect(sim.calls.count({ status: 429 })).toBe(0);
      // One shared 4-token burst plus 4.95/s for both replicas together (+1 for arrival jitter).
      expect(sim.calls.maxInAnyWindow(1_000)).toBeLessThanOrEqual(9);
      expect(served).toBeGreaterThanOrEqual(10);
      for (const result of results) {
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'AUTH0_RATE_LIMITED' });
      }
    } finally {
      await Promise.all(replicas.map((client) => client.close()));
      await sim.close();
    }
  });
});

describe('replicas counted through Redis', () => {
  it('each refreshes an entry of its own and reads every live replica’s demand, its own first', async () => {
    const replicas = [3, 6, 9].map(() => createRedisBudget(redis, { prefix: `${prefix}:count` }));
    await replicas[0]!.report(3);
    await replicas[1]!.report(6);
    const seen = await replicas[2]!.report(9);
    expect(seen[0]).toBe(9);
    expect([...seen.slice(1)].sort((a, b) => a - b)).toEqual([3, 6]);
    // Another tenant's replicas are not counted.
    expect(await createRedisBudget(redis, { prefix: `${prefix}:other-tenant` }).report(1)).toEqual([1]);
  });

  it('a take with a ceiling lowers the shared level first, so a bucket met after an outage is not full', async () => {
    const budget = createRedisBudget(redis, { prefix: `${prefix}:ceiling` });
    const global = { name: 'global', capacity: 4, perSecond: 1 };
    // A fresh bucket is full; the ceiling says Auth0 has half a token left, so nothing may go now.
    expect(await budget.take([{ ...global, atMost: 0.5 }])).toBeGreaterThan(0);
    expect(await budget.take([global])).toBeGreaterThan(0);
    expect(Number(await redis.hget(`${prefix}:ceiling:global`, 'tokens'))).toBeLessThan(1);
  });
});
