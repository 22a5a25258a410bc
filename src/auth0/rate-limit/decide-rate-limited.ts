import { tokenDueInMs } from './headers.ts';
import type { RateLimitHeaders } from './headers.ts';

export interface RateLimitedPolicy {
  /** Rate-limited attempts of one call, the first included. @default 4 */
  readonly maxAttempts: number;
  /** Wait after a 429 whose headers say nothing, doubled per attempt. @default 1_000 */
  readonly pauseMs: number;
  /** Cap on that wait; go-auth0 clamps to 10 s as well. @default 10_000 */
  readonly maxPauseMs: number;
  /** Time kept free before a deadline for the response itself. @default 100 */
  readonly responseReserveMs: number;
}

export const defaultRateLimitedPolicy: RateLimitedPolicy = { maxAttempts: 4, pauseMs: 1_000, maxPauseMs: 10_000, responseReserveMs: 100 };

export interface RateLimitedContext {
  readonly now: number;
  /** Epoch ms; Infinity when only the wait matters (the limiter pausing its bucket). */
  readonly deadline: number;
  /** 1 for the first 429 of a call. */
  readonly attempt: number;
}

export interface RateLimitedDecision {
  /** Whether to send again once the wait is over; otherwise refuse with `retryAfter` = `waitMs`. */
  readonly retry: boolean;
  /** Until the bucket that refused has a token again: how long the bucket pauses and the retry waits. */
  readonly waitMs: number;
}

/**
 * What a 429 means. Pure; the limiter (how long to pause the bucket), the throttle (wait or refuse) and so every
 * caller's `retryAfter` go by this one answer. The headers say when the next token is due
 * (docs/auth0-api.md#rate-limits); without them the wait doubles per attempt. A wait that would end after the
 * deadline is refused at once: the caller learns `retryAfter` now instead of a timeout later.
 */
export function decideRateLimited(headers: RateLimitHeaders, context: RateLimitedContext, policy: RateLimitedPolicy = defaultRateLimitedPolicy): RateLimitedDecision {
  const due = tokenDueInMs(headers, context.now);
  const waitMs = Math.max(1, Math.ceil(due ?? Math.min(policy.maxPauseMs, policy.pauseMs * 2 ** (context.attempt - 1))));
  const retry = context.attempt < policy.maxAttempts && context.now + waitMs <= context.deadline - policy.responseReserveMs;
  return { retry, waitMs };
}
