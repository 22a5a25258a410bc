import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisBudget } from '../../src/auth0/rate-limit/redis-budget.ts';
import { createRateLimiter } from '../../src/auth0/rate-limit/rate-limiter.ts';
import type { ReplicaShareState } from '../../src/auth0/rate-limit/replica-pacing.ts';
import type { SharedBudget } from '../../src/auth0/rate-limit/shared-budget.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { createApp } from '../../src/server.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import { simulatorConfig } from '../helpers/simulator-config.ts';
import { startThrowawayRedis } from '../helpers/throwaway-redis.ts';
import type { ThrowawayRedis } from '../helpers/throwaway-redis.ts';
import { createFakeClock } from '../unit/auth0-fake-clock.ts';
import type { FakeClock } from '../unit/auth0-fake-clock.ts';

// A Redis of this file's own: these tests stop it, and the one at 6379 serves everyone else's tests meanwhile.
let own: ThrowawayRedis;
beforeAll(async () => {
  own = await startThrowawayRedis();
});
afterAll(() => own.stop());

/** Unlike `events.once`, not rejected by the connection errors a stopped Redis raises meanwhile. */
const event = (redis: Redis, name: 'ready' | 'close'): Promise<void> => new Promise((resolve) => redis.once(name, () => resolve()));

/** The budget's calls are real I/O: the test waits for every one to settle before it moves the fake clock on. */
function awaited(budget: SharedBudget): { budget: SharedBudget; drain(clock: FakeClock): Promise<void> } {
  const pending = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    pending.add(work);
    work.then(
      () => pending.delete(work),
      () => pending.delete(work),
    );
    return work;
  };
  return {
    budget: { take: (specs) => track(budget.take(specs)), report: (demand) => track(budget.report(demand)) },
    async drain(clock) {
      await clock.settle();
      while (pending.size > 0) {
        await Promise.allSettled([...pending]);
        await clock.settle();
      }
    },
  };
}

describe('a replica whose shared budget goes away', () => {
  it('paces at its share of the replicas Redis last counted, and meets the shared bucket again no fuller than Auth0’s', async () => {
    const redis = new Redis(own.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: () => 20 });
    // Refused reconnects while Redis is stopped are what this test is about, not failures of it.
    redis.on('error', () => undefined);
    await event(redis, 'ready');
    const prefix = `auth0-graph-test:${randomUUID()}`;
    // Two other replicas of the tenant, alive in Redis.
    await Promise.all([createRedisBudget(redis, { prefix }).report(5), createRedisBudget(redis, { prefix }).report(5)]);
    const clock = createFakeClock();
    const { budget, drain } = awaited(createRedisBudget(redis, { prefix }));
    const modes: ReplicaShareState[] = [];
    // Assumed alone: the count of three must come from Redis.
    const limiter = createRateLimiter({ clock, preset: { global: { burst: 6, perSecond: 6 }, groups: {} }, shared: budget, assumedReplicas: 1, onSharedModeChange: (state) => modes.push(state) });
    // What Auth0 says once the tenant's bucket is spent: nothing left (no reset, so no rate is proven from it).
    const spent = { 'x-ratelimit-limit': '6', 'x-ratelimit-remaining': '0' };
    const grants: number[] = [];
    /** The local level right after each grant: what the headers left, less the token just taken. */
    const levels: number[] = [];
    const ask = () =>
      limiter.acquire('other', { route: '/roles', deadline: clock.now() + 60_000, signal: new AbortController().signal, priority: false, notBefore: 0 }).then(() => {
        grants.push(clock.now());
        levels.push(limiter.snapshot().lanes.global?.tokens ?? Number.NaN);
        limiter.settle('other', { status: 200, headers: spent, body: [], sentAt: clock.now() });
      });
    const first = ask();
    await drain(clock);
    await first;
    expect(limiter.snapshot().shared).toMatchObject({ mode: 'shared', replicas: 3 });

    const closed = event(redis, 'close');
    await own.stop();
    await closed;
    const queued = Array.from({ length: 40 }, ask);
    const from = clock.now();
    for (let step = 0; step < 200; step += 1) {
      await clock.advance(50);
      await drain(clock);
    }
    expect(modes.map((state) => state.mode)).toEqual(['local']);
    expect(limiter.snapshot().shared).toMatchObject({ mode: 'local', replicas: 3 });
    // A third of 5.94/s for 10 s, plus the share's one token in hand: not the whole tenant's 59.
    const alone = grants.filter((at) => at >= from).length;
    expect(alone).toBeGreaterThanOrEqual(Math.floor((5.94 / 3) * 10));
    expect(alone).toBeLessThanOrEqual(Math.ceil((5.94 / 3) * 10) + 2);

    const ready = event(redis, 'ready');
    await own.start();
    await ready;
    while (limiter.snapshot().shared?.mode !== 'shared') {
      await clock.advance(50);
      await drain(clock);
    }
    expect(modes.map((state) => state.mode)).toEqual(['local', 'shared']);
    const before = grants.length;
    while (grants.length === before) {
      await clock.advance(50);
      await drain(clock);
    }
    // Redis came back empty, so its bucket would start full (4.8 tokens, 3.8 after the take); the first take
    // lowered it to what the headers left this replica before taking, as the local bucket did.
    const shared = Number(await redis.hget(`${prefix}:global`, 'tokens'));
    // No fuller than the local level (a second grant in the same step may have taken from both since).
    expect(shared).toBeLessThanOrEqual((levels.at(-1) ?? Number.NaN) + 0.001);
    expect(shared).toBeLessThan(3.8 - 1);
    redis.disconnect();
    void Promise.allSettled(queued);
  });
});

describe('a server whose Redis goes away and comes back', () => {
  it('keeps serving, says degraded on /ready, logs the switch once each way, and returns to the shared budget', async () => {
    const sim = await startSimulator({ domain: `t${randomUUID().slice(0, 8)}.us.auth0.com`, size: { users: 30, organizations: 2, largestOrganizationMembers: 5, applications: 2, statsDays: 1 } });
    const lines: string[] = [];
    const config = simulatorConfig(sim, { redisUrl: own.url, logLevel: 'info' });
    const logger = createLogger(
      config,
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          lines.push(...chunk.toString().split('\n').filter((line) => line.length > 0));
          callback();
        },
      }),
    );
    const app = createApp(config, { logger });
    let next = 0;
    const ask = async (): Promise<unknown> => {
      const id = sim.tenant.users[(next += 1) % sim.tenant.users.length]?.user_id ?? '';
      const response = await app.fetch(
        new Request('http://graph.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: 'query($id: String!) { user(userId: $id) { userId } }', variables: { id } }),
        }),
      );
      return response.json();
    };
    const readyBody = async () => (await app.fetch(new Request('http://graph.test/ready'))).json();
    const mode = async () => {
      await ask();
      return app.rateBudget()?.shared?.mode;
    };
    try {
      await expect.poll(mode, { timeout: 15_000 }).toBe('shared');
      await own.stop();
      await expect.poll(mode, { timeout: 15_000 }).toBe('local');
      expect(await ask()).toMatchObject({ data: { user: { userId: expect.any(String) } } });
      expect(await readyBody()).toEqual({ ready: true, degraded: 'SHARED_RATE_BUDGET_UNREACHABLE', feed: { mode: 'off', state: 'off' } });
      expect((await app.metrics.render()).body).toContain('auth0_graph_rate_budget_shared{state="local"} 1');

      await own.start();
      await expect.poll(mode, { timeout: 15_000 }).toBe('shared');
      expect(await readyBody()).toEqual({ ready: true, feed: { mode: 'off', state: 'off' } });
      const switches = lines.map((line) => JSON.parse(line) as { level: string; msg: string }).filter((line) => line.msg.includes('shared rate budget'));
      // A start before the connection opened may add one round trip of each; what matters is one line per switch.
      expect(switches.length % 2).toBe(0);
      expect(switches.at(-2)).toMatchObject({ level: 'warn', msg: expect.stringContaining('unreachable') });
      expect(switches.at(-1)).toMatchObject({ level: 'info', msg: expect.stringContaining('answers again') });
      for (const line of switches) expect(JSON.stringify(line)).not.toContain('stack');
    } finally {
      await app.close();
      await sim.close();
    }
  });
});
