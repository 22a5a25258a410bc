import { describe, expect, it } from 'vitest';
import type { RateBudget } from '../../src/auth0/rate-limit/presets.ts';
import { createTenantHarness, mostSentInAnySecond } from './auth0-tenant-harness.ts';
import type { Outcome } from './auth0-tenant-harness.ts';

const FIVE_PER_SECOND = { global: { burst: 5, perSecond: 5 } };
const fixed = (burst: number, perSecond: number): RateBudget => ({ preset: { global: { burst, perSecond }, groups: {} }, start: undefined });

async function settleAll(clock: { advance(ms: number): Promise<void> }, calls: readonly Promise<Outcome>[], ms: number): Promise<readonly Outcome[]> {
  await clock.advance(ms);
  return Promise.all(calls);
}

describe('pacing against a tenant limited to 5 burst, 5/s', () => {
  it('50 concurrent callers: never over the limit, no 429, refusals only when the wait passes the deadline', async () => {
    const h = createTenantHarness(fixed(5, 5), FIVE_PER_SECOND);
    const outcomes = await settleAll(h.clock, Array.from({ length: 50 }, () => h.call('/roles', 4_000)), 5_000);
    const refused = outcomes.filter((outcome) => outcome.error !== undefined);
    expect(h.sent.filter((entry) => entry.status === 429)).toEqual([]);
    // The tenant admits 10 in a second (5 burst + 5/s); the client keeps to its 4-token burst plus 4.95/s.
    expect(mostSentInAnySecond(h.sent)).toBeLessThanOrEqual(8);
    expect(outcomes.length - refused.length).toBe(h.sent.length);
    // 4 at once, then one every 1/4.95 s until 100 ms before the 4 s deadline.
    expect(h.sent).toHaveLength(23);
    for (const { call, error } of refused) {
      expect(error?.code).toBe('AUTH0_RATE_LIMITED');
      expect(error?.retryAfterMs).toBeGreaterThan(0);
      expect(call?.status).not.toBe(200);
      // Each refusal came when its expected wait went past its deadline (less the response reserve), not earlier.
      expect((call?.durationMs ?? 0) + (error?.retryAfterMs ?? 0)).toBeGreaterThanOrEqual(4_000 - 100);
    }
  });

  it('configured at 20/s: adapts from the first answer, no 429 reaches the tenant or a caller', async () => {
    const h = createTenantHarness(fixed(20, 20), FIVE_PER_SECOND);
    const outcomes = await settleAll(h.clock, Array.from({ length: 24 }, () => h.call('/roles', 20_000)), 25_000);
    expect(outcomes.filter((outcome) => outcome.error !== undefined)).toEqual([]);
    expect(h.sent.filter((entry) => entry.status === 429)).toEqual([]);
    // The 5-token bucket is not the configured global one, so the lane learned it.
    const learned = h.limiter.snapshot().lanes.other;
    expect(learned).toMatchObject({ capacity: 4, source: 'learned' });
    expect(learned?.perSecond).toBeLessThanOrEqual(5);
  });
});

describe('a 429 storm', () => {
  it('short deadlines fail fast with retryAfter, and the first 429 pauses the bucket for all', async () => {
    const h = createTenantHarness(fixed(10, 10), {});
    h.storm(h.clock.now() + 60_000);
    const outcomes = await settleAll(h.clock, Array.from({ length: 20 }, () => h.call('/roles', 2_000)), 3_000);
    for (const { error } of outcomes) {
      expect(error?.code).toBe('AUTH0_RATE_LIMITED');
      expect(error?.retryAfterMs).toBeGreaterThan(50_000);
    }
    // One probe saw the 429; the others were refused without adding to the storm.
    expect(h.sent).toHaveLength(1);
  });

  it('a long deadline waits out a short storm', async () => {
    const h = createTenantHarness(fixed(10, 10), {});
    h.storm(h.clock.now() + 800);
    const [outcome] = await settleAll(h.clock, [h.call('/roles', 8_000)], 3_000);
    expect(outcome?.error).toBeUndefined();
    expect(outcome?.call?.status).toBe(200);
    expect(h.sent.map((entry) => entry.status)).toEqual([429, 200]);
  });
});
