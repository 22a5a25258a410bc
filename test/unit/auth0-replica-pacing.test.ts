import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/auth0/rate-limit/rate-limiter.ts';
import { shareOf } from '../../src/auth0/rate-limit/replica-pacing.ts';
import type { SharedBudget } from '../../src/auth0/rate-limit/shared-budget.ts';
import { createBucket, refill, take } from '../../src/auth0/rate-limit/token-bucket.ts';
import type { BucketState } from '../../src/auth0/rate-limit/token-bucket.ts';
import { createFakeClock } from './auth0-fake-clock.ts';
import type { FakeClock } from './auth0-fake-clock.ts';

/**
 * The shared budget's contract on the fake clock, one handle per replica: the atomic take of redis-budget.ts's
 * script and its replica entries that expire unless refreshed. The Redis scripts themselves are tested against
 * Redis in test/integration/auth0-redis-budget.test.ts.
 */
function sharedOnFakeClock(clock: FakeClock, replicaTtlMs = 2_000): (roundTripMs: number) => SharedBudget {
  const buckets = new Map<string, BucketState>();
  const entries = new Map<number, { demand: number; at: number }>();
  let replicas = 0;
  return (roundTripMs) => {
    const id = (replicas += 1);
    return {
      async take(specs) {
        await clock.sleep(roundTripMs);
        const now = clock.now();
        const levels = specs.map((spec) => {
          const saved = buckets.get(spec.name) ?? createBucket(spec.capacity, spec.perSecond, now);
          return refill({ ...saved, capacity: spec.capacity, ratePerMs: spec.perSecond / 1000 }, now);
        });
        const wait = Math.max(0, ...levels.map((level) => (level.tokens >= 1 ? 0 : Math.ceil((1 - level.tokens) / level.ratePerMs))));
        if (wait === 0) specs.forEach((spec, index) => buckets.set(spec.name, take(levels[index] as BucketState, now)));
        return wait;
      },
      report(demand) {
        const now = clock.now();
        entries.set(id, { demand, at: now });
        for (const [other, entry] of entries) if (now - entry.at > replicaTtlMs) entries.delete(other);
        return Promise.resolve([demand, ...[...entries].filter(([other]) => other !== id).map(([, entry]) => entry.demand)]);
      },
    };
  };
}

describe('shareOf', () => {
  it.each([
    ['alone', [7], 1],
    ['equal demand', [5, 5, 5], 1 / 3],
    ['twice the others', [10, 5, 5], 1 / 2],
    ['an idle replica still weighs as one call a second', [0, 9], 1 / 10],
    ['nobody asking: equal parts', [0, 0], 1 / 2],
  ] as const)('%s', (_name, demands, share) => {
    expect(shareOf(demands)).toBeCloseTo(share);
  });
});

describe('replicas drawing on one shared budget', () => {
  it('serve equal offered load equally, however far each is from Redis, and together no more than the tenant allows', async () => {
    const clock = createFakeClock();
    const budgetFor = sharedOnFakeClock(clock);
    const preset = { global: { burst: 5, perSecond: 5 }, groups: {} };
    // A replica nearer Redis (or less busy) hears back first: without shares it wins every race for a fresh token.
    const replicas = [1, 20, 40].map((roundTripMs) => createRateLimiter({ clock, preset, shared: budgetFor(roundTripMs) }));
    const served = [0, 0, 0];
    const grants: number[] = [];
    const seconds = 30;
    // 15 calls a second, spread evenly: 3x the tenant's rate, each with a 3 s deadline.
    for (let tick = 0; tick < seconds * 15; tick += 1) {
      const index = tick % 3;
      const limiter = replicas[index]!;
      limiter
        .acquire('other', { route: '/users/{id}', deadline: clock.now() + 3_000, signal: new AbortController().signal, priority: false, notBefore: 0 })
        .then(
          () => {
            served[index] = (served[index] ?? 0) + 1;
            grants.push(clock.now());
            limiter.settle('other', { status: 200, headers: {}, body: null, sentAt: clock.now() });
          },
          () => undefined,
        );
      await clock.advance(1000 / 15);
    }
    await clock.advance(3_000);
    const most = Math.max(...served);
    const least = Math.min(...served);
    expect(least).toBeGreaterThan(0);
    expect(most / least).toBeLessThanOrEqual(1.2);
    // The shared bucket: 4 tokens (80 % of the burst) and 4.95/s (99 % of the unproven rate).
    const total = grants.length;
    expect(total).toBeLessThanOrEqual(4 + 4.95 * (seconds + 3) + 1);
    for (const at of grants) expect(grants.filter((other) => other >= at && other < at + 1_000).length).toBeLessThanOrEqual(4 + 5);
  });
});
