/**
 * A token bucket as plain data and pure functions, so the limiter's arithmetic is tested with a fake clock.
 * Auth0 uses the same model: burst = size, sustained rate = refill
 * (https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy#rate-limit-algorithm).
 */
export interface BucketState {
  readonly capacity: number;
  /** Tokens per millisecond. */
  readonly ratePerMs: number;
  /** May go negative: a debt learned from the headers (others spent tokens we thought we had). */
  readonly tokens: number;
  readonly updatedAt: number;
  /** Epoch ms before which nothing may be taken (after a 429). */
  readonly pausedUntil: number;
}

export function createBucket(capacity: number, perSecond: number, now: number): BucketState {
  return { capacity, ratePerMs: perSecond / 1000, tokens: capacity, updatedAt: now, pausedUntil: 0 };
}

export function refill(state: BucketState, now: number): BucketState {
  if (now <= state.updatedAt) return state;
  const tokens = Math.min(state.capacity, state.tokens + (now - state.updatedAt) * state.ratePerMs);
  return { ...state, tokens, updatedAt: now };
}

/** Milliseconds until `count` tokens can be taken (0: now). */
export function waitFor(state: BucketState, now: number, count = 1): number {
  const current = refill(state, now);
  const pause = Math.max(0, current.pausedUntil - now);
  const shortfall = count - current.tokens;
  const refillWait = shortfall <= 1e-9 ? 0 : Math.ceil(shortfall / current.ratePerMs);
  return Math.max(pause, refillWait);
}

export function take(state: BucketState, now: number): BucketState {
  const current = refill(state, now);
  return { ...current, tokens: current.tokens - 1 };
}

/**
 * A 429 says the upstream bucket is empty: spend everything we hold and stop until the next token is due. Only that
 * one token accrues during the pause, or its end would release a burst into a bucket that has just one token.
 */
export function pause(state: BucketState, now: number, untilMs: number): BucketState {
  const current = refill(state, now);
  const pausedUntil = Math.max(current.pausedUntil, untilMs);
  return { ...current, tokens: Math.min(current.tokens, 0) + 1, pausedUntil, updatedAt: Math.max(current.updatedAt, pausedUntil) };
}
