import type { RateLimitHeaders } from './rate-limit-headers.ts';
import type { BucketLimit } from './rate-limit-presets.ts';
import { refill } from './token-bucket.ts';
import type { BucketState } from './token-bucket.ts';

/**
 * Client-side pacing cannot see when requests reach Auth0, so we run below the published numbers and let every
 * response's headers pull us further down when the tenant is slower than configured.
 */
export const BURST_HEADROOM = 0.8;
export const RATE_HEADROOM = 0.95;
/** Only remaining-counts this recent are compared to estimate the refill rate. */
const SAMPLE_WINDOW_MS = 5_000;
/** Shorter spans make the ±1 token rounding of `x-ratelimit-remaining` dominate the estimate. */
const MIN_SPAN_MS = 1_000;

interface Sample {
  readonly at: number;
  readonly remaining: number;
  /** Successful responses received on this lane so far, this one included. */
  readonly served: number;
}

/** One lane's bucket and what the headers have taught it. */
export interface AdaptiveBucket {
  readonly bucket: BucketState;
  readonly configured: BucketLimit;
  /** The bucket size Auth0 reported, when lower than configured. */
  readonly learnedBurst: number | undefined;
  /** The refill rate measured from the headers, when lower than configured. */
  readonly learnedPerSecond: number | undefined;
  readonly samples: readonly Sample[];
  readonly served: number;
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
    served: 0,
  };
}

/**
 * Upper estimate of Auth0's refill rate from two remaining-counts: what came back plus what was spent in between,
 * over the time between them, plus one token for the rounding of `remaining`. Valid only while the upstream bucket
 * never filled up in between, which is why a near-full sample restarts the series.
 */
function measuredPerSecond(samples: readonly Sample[]): number | undefined {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (first === undefined || last === undefined || last.at - first.at < MIN_SPAN_MS) return undefined;
  const refilled = last.remaining - first.remaining + (last.served - first.served) + 1;
  return Math.max(0, (refilled * 1000) / (last.at - first.at));
}

/**
 * Folds one response's `x-ratelimit-*` into the lane. Pure. The local count never rises above what Auth0 says is
 * left (minus our other requests still in flight), the bucket shrinks to Auth0's size, and the rate drops to the
 * measured refill rate when that is lower than configured.
 */
export function correctFromHeaders(state: AdaptiveBucket, headers: RateLimitHeaders, now: number, inFlight = 0, succeeded = true): AdaptiveBucket {
  const served = state.served + (succeeded ? 1 : 0);
  if (headers.limit === undefined || headers.remaining === undefined) return { ...state, served };
  const limit = headers.limit;
  const remaining = headers.remaining;
  const learnedBurst = limit < state.configured.burst ? limit : undefined;
  const nearlyFull = remaining >= limit - 1;
  const samples = nearlyFull
    ? []
    : [...state.samples.filter((sample) => now - sample.at <= SAMPLE_WINDOW_MS), { at: now, remaining, served }];
  const measured = measuredPerSecond(samples);
  const learnedPerSecond = measured !== undefined && measured < state.configured.perSecond ? measured : nearlyFull ? undefined : state.learnedPerSecond;
  const { capacity, ratePerMs } = effectiveLimit(state.configured, learnedBurst, learnedPerSecond);
  const current = refill(state.bucket, now);
  const tokens = Math.min(current.tokens, capacity, remaining - inFlight);
  return {
    ...state,
    bucket: { ...current, capacity, ratePerMs, tokens },
    learnedBurst,
    learnedPerSecond,
    samples,
    served,
  };
}
