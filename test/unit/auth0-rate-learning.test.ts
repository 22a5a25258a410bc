import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/config-types.ts';
import { resolveBudget } from '../../src/auth0/rate-limit/presets.ts';
import { RATE_LIMIT_PRESETS } from '../../src/simulator/rate-limit/presets.ts';
import type { RateLimitConfig } from '../../src/simulator/rate-limit/presets.ts';
import { createTenantHarness, demand, mostSentInAnySecond, servedBetween } from './auth0-tenant-harness.ts';

/** Essentials/Professional user reads: 40 burst, 500 per minute (docs/auth0-api.md#rate-limits). */
const USERS = { burst: 40, perSecond: 500 / 60 };

const harness = (plan: Plan, tenant: RateLimitConfig) => createTenantHarness(resolveBudget(plan, undefined, undefined), tenant);

describe('AUTH0_PLAN=auto learns the budget from the headers', () => {
  it('from Free pace to the sustained rate of an Essentials user lane within 10 s, with no 429 after the first burst', async () => {
    const h = harness('auto', RATE_LIMIT_PRESETS.essentials);
    const t0 = h.clock.now();
    const before = h.limiter.snapshot().lanes.users;
    // 60 callers at once, then 20 calls a second: well over the lane's 8.3/s, so the pace is the limiter's alone.
    const burst = Array.from({ length: 60 }, () => h.call('/users', 10_000));
    await demand(h, '/users', 50, 30_000);
    await Promise.all(burst);

    expect(before).toMatchObject({ capacity: 1, source: 'assumed' });
    const inSecondTen = servedBetween(h.sent, t0 + 10_000, t0 + 20_000);
    expect(inSecondTen).toBeGreaterThanOrEqual(Math.ceil(0.95 * USERS.perSecond * 10));
    expect(servedBetween(h.sent, t0 + 20_000, t0 + 30_000)).toBeGreaterThanOrEqual(Math.ceil(0.95 * USERS.perSecond * 10));
    expect(h.sent.filter((entry) => entry.status === 429 && entry.at >= t0 + 1_000)).toEqual([]);
    // Auth0 lets through at most the bucket plus one second's refill (one step of a per-minute bucket) in a second.
    expect(mostSentInAnySecond(h.sent)).toBeLessThanOrEqual(USERS.burst + Math.ceil(USERS.perSecond));
    const learned = h.limiter.snapshot().lanes.users;
    expect(learned?.source).toBe('learned');
    expect(learned?.capacity).toBe(32);
    // Reset arithmetic alone proves 8/s here (96 %); remaining rising over longer spans proves the rest.
    expect(learned?.perSecond).toBeGreaterThanOrEqual(0.98 * USERS.perSecond);
    expect(learned?.perSecond).toBeLessThanOrEqual(USERS.perSecond);
  });

  it.each([
    // The two reports that asked for this: with no plan the server assumed 2/s and refused most of the work.
    ['40 one-call queries at once, tenant at 5/s', { global: { burst: 5, perSecond: 5 } }, 40],
    ['a 41-call query, tenant at 10/s', { global: { burst: 10, perSecond: 10 } }, 41],
  ] as const)('%s: every call inside its 10 s deadline, no 429', async (_name, tenant, calls) => {
    const h = harness('auto', tenant);
    const pending = Array.from({ length: calls }, () => h.call('/roles', 10_000));
    await h.clock.advance(11_000);
    const outcomes = await Promise.all(pending);
    expect(outcomes.filter((outcome) => outcome.error !== undefined)).toEqual([]);
    expect(h.sent.filter((entry) => entry.status === 429)).toEqual([]);
    expect(mostSentInAnySecond(h.sent)).toBeLessThanOrEqual(tenant.global.burst + tenant.global.perSecond);
  });

  it('falls to a smaller tenant at the first header that shows it', async () => {
    const h = harness('auto', RATE_LIMIT_PRESETS.essentials);
    await demand(h, '/users', 50, 12_000);
    h.replaceTenant(RATE_LIMIT_PRESETS.free);
    const switchedAt = h.clock.now();
    await h.call('/users', 10_000);
    const fallen = h.limiter.snapshot().lanes.users;
    expect(fallen?.capacity).toBe(1);
    expect(fallen?.perSecond).toBeLessThanOrEqual(2);

    await demand(h, '/users', 50, 10_000);
    const after = h.sent.filter((entry) => entry.at >= switchedAt);
    expect(after.filter((entry) => entry.status === 429)).toEqual([]);
    // Free: 2 burst, 2/s.
    expect(mostSentInAnySecond(after)).toBeLessThanOrEqual(4);
    expect(servedBetween(h.sent, switchedAt + 2_000, switchedAt + 10_000)).toBeGreaterThanOrEqual(0.9 * 2 * 8);
  });

  it('falls at a 429 when the rate drops but the bucket size stays', async () => {
    const h = harness('auto', RATE_LIMIT_PRESETS.essentials);
    await demand(h, '/users', 50, 12_000);
    h.replaceTenant({ groups: { users: { burst: 40, perMinute: 60 } } });
    const switchedAt = h.clock.now();
    await demand(h, '/users', 50, 20_000);
    const after = h.sent.filter((entry) => entry.at >= switchedAt);
    // The new bucket starts full, so the old pace holds until it runs dry (about 5 s); that one 429 is the signal.
    expect(after.filter((entry) => entry.status === 429)).toHaveLength(1);
    expect(h.limiter.snapshot().lanes.users?.perSecond).toBeLessThanOrEqual(1);
    expect(servedBetween(h.sent, switchedAt + 10_000, switchedAt + 20_000)).toBeGreaterThanOrEqual(9);
  });

  it('learns a shared bucket once: lanes that report the same size draw from one local bucket', async () => {
    const h = harness('auto', RATE_LIMIT_PRESETS.free);
    const pending = [demand(h, '/users', 100, 10_000), ...Array.from({ length: 100 }, () => h.call('/roles', 10_000))];
    await Promise.all(pending);
    expect(h.sent.filter((entry) => entry.status === 429)).toEqual([]);
    expect(mostSentInAnySecond(h.sent)).toBeLessThanOrEqual(4);
  });
});

describe('what the headers prove is used, and no more', () => {
  it('an Essentials organizations lane (5 burst, 50/min) under steady demand: no 429, the whole refill', async () => {
    const h = harness('auto', RATE_LIMIT_PRESETS.essentials);
    const t0 = h.clock.now();
    await demand(h, '/organizations', 100, 60_000);
    // The Free pace it starts from is twice this bucket's refill: an empty bucket is what says so, before a 429 does.
    expect(h.sent.filter((entry) => entry.status === 429)).toEqual([]);
    expect(servedBetween(h.sent, t0 + 10_000, t0 + 60_000)).toBeGreaterThanOrEqual(Math.floor(0.98 * (50 / 60) * 50));
  });

  it('calls refused for the queue bound leave the pace free to rise to the tenant’s rate', async () => {
    const tenant = { global: { burst: 5, perSecond: 5 } };
    const h = createTenantHarness(resolveBudget('auto', undefined, undefined), tenant, { maxQueueMs: 2_000 });
    const t0 = h.clock.now();
    await demand(h, '/roles', 1_000 / 15, 30_000);
    // Paced below the refill, Auth0's bucket stays full and its remaining proves no more than the pace: 4/s for good.
    expect(servedBetween(h.sent, t0 + 10_000, t0 + 30_000)).toBeGreaterThanOrEqual(0.98 * 5 * 20);
    expect(h.sent.filter((entry) => entry.status === 429)).toEqual([]);
    expect(mostSentInAnySecond(h.sent)).toBeLessThanOrEqual(tenant.global.burst + tenant.global.perSecond);
  });
});

describe('an explicit plan is a ceiling', () => {
  it('AUTH0_PLAN=free never goes above 2 burst, 2/s against a faster tenant', async () => {
    const h = harness('free', RATE_LIMIT_PRESETS.essentials);
    await demand(h, '/users', 50, 20_000);
    expect(mostSentInAnySecond(h.sent)).toBeLessThanOrEqual(4);
    expect(h.limiter.snapshot().lanes.global).toMatchObject({ capacity: 1, source: 'configured' });
    expect(h.limiter.snapshot().lanes.global?.perSecond).toBeLessThanOrEqual(2);
  });

  it('AUTH0_PLAN=enterprise falls to a Free tenant at the first header', async () => {
    const h = harness('enterprise', RATE_LIMIT_PRESETS.free);
    await h.call('/roles', 10_000);
    const lanes = h.limiter.snapshot().lanes;
    expect(lanes.other?.capacity).toBe(1);
    expect(lanes.other?.source).toBe('learned');
    await demand(h, '/roles', 50, 10_000);
    expect(mostSentInAnySecond(h.sent)).toBeLessThanOrEqual(4);
  });
});

describe('the first calls of lanes never answered', () => {
  const seats = async (tenant: RateLimitConfig): Promise<ReturnType<typeof harness>> => {
    const h = harness('auto', tenant);
    await h.call('/organizations', 10_000);
    const member = h.call('/organizations/{id}/members', 10_000);
    await h.clock.advance(1_000);
    await member;
    return h;
  };

  it('go at once once an answer shows a bucket other than the Free plan’s: the organizations page spent no shared token', async () => {
    const h = await seats(RATE_LIMIT_PRESETS.essentials);
    const [first, second] = h.sent;
    expect(second?.at).toBe(first?.at);
    expect(h.sent.filter((entry) => entry.status === 429)).toEqual([]);
  });

  it('still wait the Free refill on a Free tenant, whose one global bucket answers for every lane', async () => {
    const h = await seats(RATE_LIMIT_PRESETS.free);
    const [first, second] = h.sent;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThan(0);
    expect(h.sent.filter((entry) => entry.status === 429)).toEqual([]);
  });
});
