/** Size and refill of one bucket; give exactly one of `perSecond` or `perMinute`. */
export interface BucketSpec {
  readonly burst: number;
  readonly perSecond?: number;
  readonly perMinute?: number;
}

export interface TokenBucket {
  readonly limit: number;
  /** Tokens available now (whole tokens). */
  remaining(nowMs: number): number;
  take(nowMs: number): void;
  /** Epoch seconds when the bucket is full again, what Auth0's `x-ratelimit-reset` turned out to mean. */
  resetAtSeconds(nowMs: number): number;
}

/**
 * Auth0's algorithm: per-second limits refill every millisecond, per-minute limits refill once a
 * second (rate-limit-policy.mdx "Rate limit algorithm").
 */
export function createTokenBucket(spec: BucketSpec, startMs: number): TokenBucket {
  const perMs = spec.perSecond !== undefined ? spec.perSecond / 1000 : (spec.perMinute ?? 0) / 60_000;
  const stepMs = spec.perSecond !== undefined ? 1 : 1000;
  let tokens = spec.burst;
  let lastMs = startMs;

  const refill = (nowMs: number): void => {
    const steps = Math.floor((nowMs - lastMs) / stepMs);
    if (steps <= 0) return;
    tokens = Math.min(spec.burst, tokens + steps * stepMs * perMs);
    lastMs += steps * stepMs;
  };

  return {
    limit: spec.burst,
    remaining(nowMs) {
      refill(nowMs);
      return Math.floor(tokens + 1e-9);
    },
    take(nowMs) {
      refill(nowMs);
      tokens -= 1;
    },
    resetAtSeconds(nowMs) {
      refill(nowMs);
      const missing = spec.burst - tokens;
      const untilFullMs = perMs > 0 ? Math.ceil(missing / perMs / stepMs) * stepMs : 0;
      return Math.ceil((nowMs + untilFullMs) / 1000);
    },
  };
}
