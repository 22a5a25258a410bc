import type { RateLimitHeaders } from './headers.ts';
import { observe, provenRate } from './rate-proof.ts';
import type { Observation } from './rate-proof.ts';
import type { BucketLimit } from './presets.ts';
import { refill } from './token-bucket.ts';
import type { BucketState } from './token-bucket.ts';

/**
 * Client-side pacing cannot see when requests reach Auth0, so we run below the numbers we assume and let every
 * response's headers say what the tenant really has.
 */
export const BURST_HEADROOM = 0.8;
export const RATE_HEADROOM = 0.99;
/** How long evidence that a fixed configuration is too generous is remembered. */
const MEMORY_MS = 10_000;
/** How long a proven rate, and the answers that prove rates, are remembered. */
const PROOF_MEMORY_MS = 30_000;

interface RateSample {
  readonly at: number;
  readonly perSecond: number;
}

/** One bucket and what the headers have taught it. */
export interface AdaptiveBucket {
  readonly bucket: BucketState;
  /** The ceiling: a plan's numbers, AUTH0_RATE_LIMIT/BURST, or with `auto` the largest published plan's. */
  readonly configured: BucketLimit;
  /** The pace before the headers prove anything: the ceiling itself, or with `auto` the Free plan's. */
  readonly start: BucketLimit;
  /** `auto`: proven numbers may rise above `start` (never above `configured`). */
  readonly rises: boolean;
  /** The bucket size Auth0 reported, when it replaces the configured one. */
  readonly learnedBurst: number | undefined;
  /** The refill rate the headers prove, when it replaces the configured one. */
  readonly learnedPerSecond: number | undefined;
  /** Lower bounds of Auth0's refill rate, one per response that proved one. */
  readonly samples: readonly RateSample[];
  /** Recent answers, from which rising `remaining` proves a refill rate (rate-proof.ts). */
  readonly observations: readonly Observation[];
  /** When the headers last showed Auth0 has less than we assumed (smaller bucket, fewer tokens, a 429). */
  readonly overshotAt: number | undefined;
}

/**
 * Unproven numbers keep headroom; a proven rate is a lower bound already and is used as it is, up to the configured
 * rate itself: the headroom is for numbers the headers have not confirmed, and keeping it on a proven rate left a
 * twentieth of the tenant's budget unused (docs/design.md#replicas-and-the-shared-budget).
 */
function effectiveLimit(state: Pick<AdaptiveBucket, 'configured' | 'start'>, learnedBurst: number | undefined, proven: number | undefined, distrusted: boolean): { capacity: number; ratePerMs: number } {
  const burst = Math.min(state.configured.burst, learnedBurst ?? state.start.burst);
  const ceiling = state.configured.perSecond;
  const assumed = Math.min(state.start.perSecond, state.configured.perSecond) * RATE_HEADROOM;
  const perSecond = distrusted && proven !== undefined ? Math.min(proven, ceiling) : Math.min(ceiling, Math.max(assumed, proven ?? 0));
  return { capacity: Math.max(1, Math.floor(burst * BURST_HEADROOM)), ratePerMs: perSecond / 1000 };
}

/**
 * A bucket paced at `configured`, which the headers can only lower; or, given `start` (`auto`), paced at `start`
 * until the headers prove more, never beyond `configured`.
 */
export function createAdaptiveBucket(configured: BucketLimit, now: number, learnFrom?: BucketLimit): AdaptiveBucket {
  const rises = learnFrom !== undefined;
  const start = learnFrom ?? configured;
  const { capacity, ratePerMs } = effectiveLimit({ configured, start }, undefined, undefined, false);
  return {
    bucket: { capacity, ratePerMs, tokens: capacity, updatedAt: now, pausedUntil: 0 },
    configured,
    start,
    rises,
    learnedBurst: undefined,
    learnedPerSecond: undefined,
    samples: [],
    observations: [],
    overshotAt: undefined,
  };
}

/**
 * A bucket met only through the headers: sized as they say and full, so the first correction hands it the tokens
 * Auth0 says are left. With a fixed configuration it is distrusted from the start (its existence proves the
 * configuration incomplete), so its rate comes from the headers at once; with `auto` it rises from `start`.
 */
export function createLearnedBucket(limit: number, ceiling: BucketLimit, now: number, start?: BucketLimit): AdaptiveBucket {
  if (start === undefined) return { ...createAdaptiveBucket({ burst: limit, perSecond: ceiling.perSecond }, now), overshotAt: now };
  const base = createAdaptiveBucket(ceiling, now, start);
  const { capacity, ratePerMs } = effectiveLimit(base, limit, undefined, false);
  return { ...base, learnedBurst: limit, bucket: { ...base.bucket, capacity, ratePerMs, tokens: capacity } };
}

/**
 * A rate Auth0's bucket certainly reaches: it is more than `limit - remaining - 1` tokens short (remaining is
 * rounded down) and full again at `reset` (https://github.com/auth0/node-auth0/pull/538), counted from before the
 * request was sent. Reset is rounded up to whole seconds, and a bucket refilled once a second is full no earlier
 * than one refilled continuously, so this errs low.
 */
function lowerBoundPerSecond(headers: RateLimitHeaders, sentAt: number): number | undefined {
  const { limit, remaining, resetAt } = headers;
  if (limit === undefined || remaining === undefined || resetAt === undefined || limit - remaining - 1 <= 0) return undefined;
  return ((limit - remaining - 1) * 1000) / Math.max(1, resetAt - sentAt);
}

export interface Correction {
  /** Our other requests to this bucket still in flight. @default 0 */
  readonly inFlight?: number;
  readonly rateLimited?: boolean;
  /** When the request left. @default now */
  readonly sentAt?: number;
  /**
   * Other replicas draw on this bucket too (a shared budget): fewer tokens left than we counted is their spending, not
   * evidence that we assumed too much, so only a 429 or a smaller bucket distrusts the pace. @default false
   */
  readonly sharedWithOthers?: boolean;
}

/**
 * Folds one response's `x-ratelimit-*` into the bucket. Pure. The local count never rises above what Auth0 says is
 * left (minus our other requests still in flight; with `auto` it rises to that, headroom kept), and the bucket
 * takes Auth0's size. The rate is the start pace
 * or the best lower bound the headers prove, whichever is higher (with `auto`; otherwise the start pace is the
 * ceiling), never above the ceiling; once the headers show Auth0 has less than we assumed, it is the proven bound
 * alone, so one burst is the most a too-generous assumption costs. A 429 or a smaller bucket forgets what was
 * proven before: the tenant may have changed.
 */
export function correctFromHeaders(state: AdaptiveBucket, headers: RateLimitHeaders, now: number, correction: Correction = {}): AdaptiveBucket {
  const { inFlight = 0, rateLimited = false, sharedWithOthers = false } = correction;
  const { limit, remaining } = headers;
  if (limit === undefined || remaining === undefined || limit < 1) return state;
  const sentAt = Math.min(correction.sentAt ?? now, now);
  const current = refill(state.bucket, now);
  // A fixed configuration is contradicted by any smaller bucket; with `auto` the first size seen is news, not a contradiction.
  const previous = state.learnedBurst ?? (state.rises ? undefined : state.configured.burst);
  const shrank = previous !== undefined && limit < previous;
  const learnedBurst = state.rises || limit < state.configured.burst ? limit : undefined;
  const forget = rateLimited || (shrank && state.learnedBurst !== undefined);
  // With `auto` an empty bucket shows it too: our count is clipped to Auth0's at every answer, so a start pace faster
  // than the refill (Free's 2/s on a 5-burst, 50/min bucket) never leaves our count above Auth0's, and only a 429
  // said so. A bucket of the Free plan's own size is kept empty by its own refill rate, which is the start pace.
  const overshot = rateLimited || shrank || (!sharedWithOthers && (remaining < current.tokens - 1 || (state.rises && remaining < 1 && limit !== state.start.burst)));
  const overshotAt = overshot ? now : state.overshotAt;
  const observations = observe(forget ? [] : state.observations, { sentAt, recvAt: now, remaining, took: !rateLimited, inFlightAfter: inFlight }, PROOF_MEMORY_MS);
  const bounds = [lowerBoundPerSecond(headers, sentAt), provenRate(observations)].filter((bound) => bound !== undefined);
  const kept = forget ? [] : state.samples.filter((sample) => now - sample.at <= PROOF_MEMORY_MS);
  const samples = [...kept, ...bounds.map((perSecond) => ({ at: now, perSecond }))];
  const proven = samples.length > 0 ? Math.max(...samples.map((sample) => sample.perSecond)) : undefined;
  // With `auto` the start pace was only ever an assumption: once the headers contradict it, it never returns.
  const distrusted = overshotAt !== undefined && (state.rises || now - overshotAt <= MEMORY_MS) && proven !== undefined;
  const { capacity, ratePerMs } = effectiveLimit(state, learnedBurst, proven, distrusted);
  // Learning alone, an answer sent after every earlier one came back says how many tokens Auth0 holds, and more than
  // we counted is ours to spend: paced below the refill, Auth0's bucket stays full, its remaining never rises, and
  // the rate the headers prove never passes the pace we kept (docs/design.md#never-over-the-rate-limit).
  const latest = state.observations[state.observations.length - 1];
  const inOrder = latest === undefined || latest.recvAt <= sentAt;
  // The raise keeps the headroom: the part of Auth0's bucket the local one leaves free stays free.
  const spare = remaining - inFlight - Math.max(0, limit - capacity);
  const counted = state.rises && !sharedWithOthers && !rateLimited && inOrder ? Math.max(current.tokens, spare) : current.tokens;
  const tokens = Math.min(counted, capacity, remaining - inFlight);
  const fromProof = proven !== undefined && (distrusted || (state.rises && proven > state.start.perSecond * RATE_HEADROOM));
  return {
    ...state,
    bucket: { ...current, capacity, ratePerMs, tokens },
    learnedBurst,
    learnedPerSecond: fromProof ? ratePerMs * 1000 : undefined,
    samples,
    observations,
    overshotAt,
  };
}
