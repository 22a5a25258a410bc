import type { RateLimitHeaders } from './headers.ts';
import type { BucketLimit } from './presets.ts';
import { refill } from './token-bucket.ts';
import type { BucketState } from './token-bucket.ts';

/**
 * Client-side pacing cannot see when requests reach Auth0, so we run below the published numbers and let every
 * response's headers pull us further down when the tenant is slower than configured.
 */
export const BURST_HEADROOM = 0.8;
export const RATE_HEADROOM = 0.95;
/** How long a measurement, or evidence that the configuration is too generous, is remembered. */
const MEMORY_MS = 10_000;

interface RateSample {
  readonly at: number;
  readonly perSecond: number;
}

/** One lane's bucket and what the headers have taught it. */
export interface AdaptiveBucket {
  readonly bucket: BucketState;
  readonly configured: BucketLimit;
  /** The bucket size Auth0 reported, when lower than configured. */
  readonly learnedBurst: number | undefined;
  /** The refill rate the headers prove, used once there is evidence the configured rate is too high. */
  readonly learnedPerSecond: number | undefined;
  /** Lower bounds of Auth0's refill rate, one per response that carried a reset time. */
  readonly samples: readonly RateSample[];
  /** When the headers last showed Auth0 has less than we assumed (smaller bucket, fewer tokens, a 429). */
  readonly overshotAt: number | undefined;
}

export function effectiveLimit(configured: BucketLimit, learnedBurst: number | undefined, learnedPerSecond: number | undefined): { capacity: number; ratePerMs: number } {
  const burst = Math.min(configured.burst, learnedBurst ?? Infinity);
  const perSecond = Math.min(configured.perSecond, learnedPerSecond ?? Infinity);
  return { capacity: Math.max(1, Math.floor(burst * BURST_HEADROOM)), ratePerMs: (perSecond * RATE_HEADROOM) / 1000 };
}

export function createAdaptiveBucket(configured: BucketLimit, now: number): AdaptiveBucket {
  const { capacity, ratePerMs } = effectiveLimit(configured, undefined, undefined);
  return {
    bucket: { capacity, ratePerMs, tokens: capacity, updatedAt: now, pausedUntil: 0 },
    configured,
    learnedBurst: undefined,
    learnedPerSecond: undefined,
    samples: [],
    overshotAt: undefined,
  };
}

/**
 * A bucket met only through the headers: sized as they say, refilled at most as fast as its parent, and distrusted
 * from the start (its existence proves the configuration incomplete), so its rate comes from the headers at once.
 */
export function createLearnedBucket(limit: number, perSecond: number, now: number): AdaptiveBucket {
  return { ...createAdaptiveBucket({ burst: limit, perSecond }, now), overshotAt: now };
}

/**
 * A rate Auth0's bucket certainly reaches: it is more than `limit - remaining - 1` tokens short (remaining is
 * rounded down) and full again at `reset` (https://github.com/auth0/node-auth0/pull/538), counted from before the
 * request was sent. Reset is rounded up to whole seconds, so this errs low.
 */
function lowerBoundPerSecond(headers: RateLimitHeaders, sentAt: number): number | undefined {
  const { limit, remaining, resetAt } = headers;
  if (limit === undefined || remaining === undefined || resetAt === undefined || limit - remaining - 1 <= 0) return undefined;
  return ((limit - remaining - 1) * 1000) / Math.max(1, resetAt - sentAt);
}

/**
 * Folds one response's `x-ratelimit-*` into the lane. Pure. The local count never rises above what Auth0 says is
 * left (minus our other requests still in flight), and the bucket shrinks to Auth0's size. The configured rate is
 * kept while the headers agree with it; once they show Auth0 has less than we assumed, the rate drops to the best
 * lower bound the headers prove, so one burst is the most a too-generous configuration costs.
 */
export function correctFromHeaders(
  state: AdaptiveBucket,
  headers: RateLimitHeaders,
  now: number,
  { inFlight = 0, rateLimited = false, sentAt = now }: { inFlight?: number; rateLimited?: boolean; sentAt?: number } = {},
): AdaptiveBucket {
  const { limit, remaining } = headers;
  if (limit === undefined || remaining === undefined || limit < 1) return state;
  const current = refill(state.bucket, now);
  const learnedBurst = limit < state.configured.burst ? limit : undefined;
  const overshot = rateLimited || learnedBurst !== undefined || remaining < current.tokens - 1;
  const overshotAt = overshot ? now : state.overshotAt;
  const bound = lowerBoundPerSecond(headers, Math.min(sentAt, now));
  const samples = [...state.samples.filter((sample) => now - sample.at <= MEMORY_MS), ...(bound === undefined ? [] : [{ at: now, perSecond: bound }])];
  const distrusted = overshotAt !== undefined && now - overshotAt <= MEMORY_MS && samples.length > 0;
  const learnedPerSecond = distrusted ? Math.max(...samples.map((sample) => sample.perSecond)) : undefined;
  const { capacity, ratePerMs } = effectiveLimit(state.configured, learnedBurst, learnedPerSecond);
  const tokens = Math.min(current.tokens, capacity, remaining - inFlight);
  return {
    ...state,
    bucket: { ...current, capacity, ratePerMs, tokens },
    learnedBurst,
    learnedPerSecond: learnedPerSecond !== undefined && learnedPerSecond < state.configured.perSecond ? learnedPerSecond : undefined,
    samples,
    overshotAt,
  };
}
