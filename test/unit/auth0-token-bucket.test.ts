import { describe, expect, it } from 'vitest';
import { correctFromHeaders, createAdaptiveBucket } from '../../src/auth0/rate-limit/header-correction.ts';
import type { AdaptiveBucket } from '../../src/auth0/rate-limit/header-correction.ts';
import { createBucket, pause, refill, take, waitFor } from '../../src/auth0/rate-limit/token-bucket.ts';
import { resolveBudget, resolvePreset } from '../../src/auth0/rate-limit/presets.ts';

const t0 = 1_700_000_000_000;

describe('token bucket', () => {
  it('starts full, refills at its rate, never above capacity', () => {
    let bucket = createBucket(2, 2, t0);
    bucket = take(take(bucket, t0), t0);
    expect(waitFor(bucket, t0)).toBe(500);
    expect(refill(bucket, t0 + 250).tokens).toBeCloseTo(0.5);
    expect(refill(bucket, t0 + 10_000).tokens).toBe(2);
  });

  it('pauses until the given time, spends what it held and has exactly one token at the end', () => {
    const paused = pause(createBucket(5, 5, t0), t0, t0 + 3_000);
    expect(waitFor(paused, t0 + 1_000)).toBe(2_000);
    expect(waitFor(paused, t0 + 3_000)).toBe(0);
    const afterOne = take(paused, t0 + 3_000);
    expect(waitFor(afterOne, t0 + 3_000)).toBe(200);
  });
});

describe('correctFromHeaders', () => {
  const headers = (limit: number, remaining: number) => ({ limit, remaining, resetAt: undefined, retryAfterMs: undefined });

  it('starts below the configured burst and rate (headroom)', () => {
    const lane = createAdaptiveBucket({ burst: 10, perSecond: 10 }, t0);
    expect(lane.bucket.capacity).toBe(8);
    expect(lane.bucket.ratePerMs * 1000).toBeCloseTo(9.9);
  });

  it('never holds more tokens than Auth0 says are left, minus our requests in flight', () => {
    const lane = createAdaptiveBucket({ burst: 10, perSecond: 10 }, t0);
    const corrected = correctFromHeaders(lane, headers(10, 3), t0, { inFlight: 2 });
    expect(corrected.bucket.tokens).toBe(1);
  });

  it('shrinks to the bucket size Auth0 reports', () => {
    const lane = createAdaptiveBucket({ burst: 20, perSecond: 20 }, t0);
    const corrected = correctFromHeaders(lane, headers(5, 4), t0);
    expect(corrected.bucket.capacity).toBe(4);
  });

  it('drops to the rate the reset header proves once Auth0 turns out smaller than configured', () => {
    // Configured 20/s, the tenant has 5 burst, 5/s: after 5 requests the bucket is full again in 1 s.
    const lane = createAdaptiveBucket({ burst: 20, perSecond: 20 }, t0);
    const corrected = correctFromHeaders(lane, { limit: 5, remaining: 0, resetAt: t0 + 1_000, retryAfterMs: undefined }, t0);
    expect(corrected.learnedPerSecond).toBeCloseTo(4);
    // A proven rate is a lower bound already: no headroom on top.
    expect(corrected.bucket.ratePerMs * 1000).toBeCloseTo(4);
    // A later sample in a worse phase (reset rounded up further) cannot lower the proven rate.
    const later = correctFromHeaders(corrected, { limit: 5, remaining: 0, resetAt: t0 + 2_500, retryAfterMs: undefined }, t0 + 600);
    expect(later.learnedPerSecond).toBeCloseTo(4);
  });

  it('keeps the configured rate while the headers agree with it', () => {
    let lane: AdaptiveBucket = createAdaptiveBucket({ burst: 10, perSecond: 5 }, t0);
    for (let ms = 0; ms <= 3_000; ms += 200) {
      lane = correctFromHeaders(lane, { limit: 10, remaining: 8, resetAt: t0 + ms + 1_000, retryAfterMs: undefined }, t0 + ms);
    }
    expect(lane.learnedPerSecond).toBeUndefined();
    expect(lane.bucket.ratePerMs * 1000).toBeCloseTo(4.95);
  });

  it('learns from a 429 even when the bucket size matches', () => {
    const lane = createAdaptiveBucket({ burst: 10, perSecond: 10 }, t0);
    const corrected = correctFromHeaders(lane, { limit: 10, remaining: 0, resetAt: t0 + 4_000, retryAfterMs: undefined }, t0, { rateLimited: true });
    expect(corrected.learnedPerSecond).toBeCloseTo(9 / 4);
  });

  it('ignores responses without rate-limit headers', () => {
    const lane = createAdaptiveBucket({ burst: 10, perSecond: 5 }, t0);
    const corrected = correctFromHeaders(lane, { limit: undefined, remaining: undefined, resetAt: undefined, retryAfterMs: undefined }, t0);
    expect(corrected.bucket).toEqual(lane.bucket);
  });
});

describe('correctFromHeaders with auto (learning from a start pace)', () => {
  const ceiling = { burst: 50, perSecond: 16 };
  const free = { burst: 2, perSecond: 2 };
  const seen = (limit: number, remaining: number, resetInMs?: number) => ({
    limit,
    remaining,
    resetAt: resetInMs === undefined ? undefined : t0 + resetInMs,
    retryAfterMs: undefined,
  });

  it.each([
    // [what, headers, expected capacity, expected rate per second]
    ['no headers yet: the start pace, with headroom', undefined, 1, 1.98],
    ['a bigger bucket: its size at once, the start rate until a rate is proven', seen(40, 39), 32, 1.98],
    ['reset arithmetic proves more than the start rate: 29 short, full in 4 s', seen(40, 10, 4_000), 32, 29 / 4],
    // The proof says Auth0 refills at 49/s or more, so the ceiling's own 16/s is safe: the headroom is for unproven numbers.
    ['never above the ceiling, however fast the headers say', seen(50, 0, 1_000), 40, 16],
    ['a proof below the start rate does not lower it while nothing contradicts it', seen(40, 38, 2_000), 32, 1.98],
  ] as const)('%s', (_name, headers, capacity, perSecond) => {
    const lane = createAdaptiveBucket(ceiling, t0, free);
    const corrected = headers === undefined ? lane : correctFromHeaders(lane, headers, t0);
    expect(corrected.bucket.capacity).toBe(capacity);
    expect(corrected.bucket.ratePerMs * 1000).toBeCloseTo(perSecond);
  });

  it('a 429 drops the start pace for good and forgets earlier proofs', () => {
    let lane = correctFromHeaders(createAdaptiveBucket(ceiling, t0, free), seen(40, 10, 4_000), t0);
    expect(lane.bucket.ratePerMs * 1000).toBeCloseTo(29 / 4);
    lane = correctFromHeaders(lane, seen(40, 0, 39_000), t0 + 100, { rateLimited: true });
    expect(lane.bucket.ratePerMs * 1000).toBeCloseTo(39 / 38.9);
    // Long after, with nothing new proven, the assumed 2/s does not come back.
    lane = correctFromHeaders(lane, seen(40, 0, 69_000), t0 + 30_000);
    expect(lane.bucket.ratePerMs * 1000).toBeLessThan(1.98);
  });
});

describe('resolveBudget', () => {
  it.each([
    ['auto: Free pace under the Enterprise ceiling', 'auto', undefined, undefined, { burst: 50, perSecond: 16 }, { burst: 2, perSecond: 2 }],
    ['auto with a lower override: the override is the ceiling, and caps the start', 'auto', 1, 20, { burst: 20, perSecond: 1 }, { burst: 2, perSecond: 1 }],
    ['a named plan: no learning upward', 'free', undefined, undefined, { burst: 2, perSecond: 2 }, undefined],
    ['a named plan with overrides', 'enterprise', 5, 5, { burst: 5, perSecond: 5 }, undefined],
  ] as const)('%s', (_name, plan, rateLimit, rateBurst, global, start) => {
    const budget = resolveBudget(plan, rateLimit, rateBurst);
    expect(budget.preset.global).toEqual(global);
    expect(budget.start).toEqual(start);
  });
});

describe('resolvePreset', () => {
  it('uses the plan preset without overrides', () => {
    expect(resolvePreset('free', undefined, undefined).global).toEqual({ burst: 2, perSecond: 2 });
    expect(resolvePreset('essentials', undefined, undefined).groups.other).toEqual({ burst: 10, perSecond: 2.5 });
  });

  it('lets AUTH0_RATE_LIMIT/BURST replace the global bucket and cap the lanes', () => {
    const preset = resolvePreset('essentials', 1, 3);
    expect(preset.global).toEqual({ burst: 3, perSecond: 1 });
    expect(preset.groups.users).toEqual({ burst: 3, perSecond: 1 });
  });
});
