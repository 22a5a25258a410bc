import type { Clock } from './clock.ts';
import { Auth0Error } from './errors.ts';
import { parseRateLimitHeaders, tokenDueInMs } from './rate-limit-headers.ts';
import type { ResponseHeaders } from './rate-limit-headers.ts';
import type { Attempt, AttemptFn, AttemptResult } from './attempt.ts';

export interface RetryPolicy {
  /** Attempts in all, the first included. @default 4 */
  readonly maxAttempts: number;
  /** First backoff step for 5xx, 408 and connection failures. @default 250 */
  readonly baseDelayMs: number;
  /** Cap on any one backoff. @default 4_000 — a GraphQL request's whole deadline is a few seconds. */
  readonly maxDelayMs: number;
  /** Cap on waiting for a 429 without headers. @default 10_000 (go-auth0 clamps to 10 s as well) */
  readonly maxRateLimitDelayMs: number;
  /** [0, 1); injected so tests pin the jitter. */
  readonly random: () => number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxRateLimitDelayMs: 10_000,
  random: Math.random,
};

export interface RetryDecision {
  readonly retry: boolean;
  readonly delayMs: number;
  /** A 429: the limiter, not a sleep, holds the retry back, and it waits ahead of new work. */
  readonly rateLimited: boolean;
}

const STOP: RetryDecision = { retry: false, delayMs: 0, rateLimited: false };

/** Capped exponential backoff with "equal jitter": never less than half the step, so retries stay spread. */
function backoff(attempt: number, capMs: number, policy: RetryPolicy): number {
  const step = Math.min(capMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + (policy.random() * step) / 2);
}

/**
 * What to do after attempt `attempt` ended in `outcome` (an HTTP status, or the error thrown before a response).
 * Pure. 429 per the headers (docs/auth0-api.md#buckets-and-headers); 408, 5xx and connection failures with backoff, which is safe
 * because every call here is a GET; other 4xx never (octokit's doNotRetry, undici's RetryHandler).
 */
export function decideRetry(
  outcome: number | Auth0Error,
  attempt: number,
  headers: ResponseHeaders,
  now: number,
  policy: RetryPolicy = defaultRetryPolicy,
): RetryDecision {
  if (attempt >= policy.maxAttempts) return STOP;
  if (outcome instanceof Auth0Error) {
    const connectionFailure = outcome.code === 'AUTH0_UPSTREAM' && (outcome.status ?? 0) === 0;
    return connectionFailure ? { retry: true, delayMs: backoff(attempt, policy.maxDelayMs, policy), rateLimited: false } : STOP;
  }
  if (outcome === 429) {
    const due = tokenDueInMs(parseRateLimitHeaders(headers, now), now);
    const delayMs = due === undefined ? backoff(attempt, policy.maxRateLimitDelayMs, policy) : due;
    return { retry: true, delayMs, rateLimited: true };
  }
  if (outcome === 408 || (outcome >= 500 && outcome !== 501)) {
    return { retry: true, delayMs: backoff(attempt, policy.maxDelayMs, policy), rateLimited: false };
  }
  return STOP;
}

export interface RetriedResult {
  readonly result: AttemptResult;
  readonly attempts: number;
  readonly waitMs: number;
}

export interface RetryHooks {
  onRetry?(decision: RetryDecision): void;
}

export type FirstAttempt = Omit<Attempt, 'number' | 'priority' | 'notBefore'>;

/** Runs attempts until one is final; never sleeps past the deadline. Returns the last response, even a failed one. */
export function withRetry(next: AttemptFn, clock: Clock, policy: RetryPolicy, hooks: RetryHooks = {}) {
  return async (first: FirstAttempt): Promise<RetriedResult> => {
    let waitMs = 0;
    let notBefore = 0;
    for (let number = 1; ; number += 1) {
      let outcome: number | Auth0Error;
      let result: AttemptResult | undefined;
      try {
        result = await next({ ...first, number, priority: number > 1, notBefore });
        waitMs += result.waitMs;
        if (result.status < 400) return { result, attempts: number, waitMs };
        outcome = result.status;
      } catch (error) {
        if (!(error instanceof Auth0Error)) throw error;
        outcome = error;
      }
      const now = clock.now();
      const decision = decideRetry(outcome, number, result?.headers ?? {}, now, policy);
      const finish = (): RetriedResult => {
        if (result === undefined) throw outcome;
        return { result, attempts: number, waitMs };
      };
      if (!decision.retry) return finish();
      if (now + decision.delayMs >= first.deadline) {
        if (decision.rateLimited) {
          throw new Auth0Error('AUTH0_RATE_LIMITED', `Auth0 rate limit reached on GET ${first.route}; the next token is due after this request's deadline`, {
            route: first.route,
            status: 429,
            retryAfterMs: decision.delayMs,
          });
        }
        return finish();
      }
      hooks.onRetry?.(decision);
      if (decision.rateLimited) {
        notBefore = now + decision.delayMs;
      } else {
        notBefore = 0;
        await clock.sleep(decision.delayMs, first.signal);
      }
    }
  };
}
