import type { Clock } from './clock.ts';
import { Auth0Error } from './errors.ts';
import type { Attempt, AttemptFn, AttemptResult } from './attempt.ts';

export interface RetryPolicy {
  /** Attempts in all, the first included. @default 4 */
  readonly maxAttempts: number;
  /** First backoff step for 5xx, 408 and connection failures. @default 250 */
  readonly baseDelayMs: number;
  /** Cap on any one backoff. @default 4_000 — a GraphQL request's whole deadline is a few seconds. */
  readonly maxDelayMs: number;
  /** [0, 1); injected so tests pin the jitter. */
  readonly random: () => number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  random: Math.random,
};

export interface RetryDecision {
  readonly retry: boolean;
  readonly delayMs: number;
}

const STOP: RetryDecision = { retry: false, delayMs: 0 };

/** Capped exponential backoff with "equal jitter": never less than half the step, so retries stay spread. */
function backoff(attempt: number, capMs: number, policy: RetryPolicy): number {
  const step = Math.min(capMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + (policy.random() * step) / 2);
}

/**
 * What to do after attempt `attempt` ended in `outcome` (an HTTP status, or the error thrown before a response).
 * Pure, and only about transient failures: 408, 5xx and connection failures with backoff, which is safe because
 * every call here is a GET; other 4xx never (octokit's doNotRetry, undici's RetryHandler). A 429 never gets here:
 * the throttle below waits for its token or refuses it (rate-limit/decide-rate-limited.ts).
 */
export function decideRetry(outcome: number | Auth0Error, attempt: number, policy: RetryPolicy = defaultRetryPolicy): RetryDecision {
  if (attempt >= policy.maxAttempts) return STOP;
  if (outcome instanceof Auth0Error) {
    const connectionFailure = outcome.code === 'AUTH0_UPSTREAM' && (outcome.status ?? 0) === 0;
    return connectionFailure ? { retry: true, delayMs: backoff(attempt, policy.maxDelayMs, policy) } : STOP;
  }
  if (outcome === 408 || (outcome >= 500 && outcome !== 501)) {
    return { retry: true, delayMs: backoff(attempt, policy.maxDelayMs, policy) };
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

export type FirstAttempt = Omit<Attempt, 'number' | 'priority'>;

/** Runs attempts until one is final; never sleeps past the deadline. Returns the last response, even a failed one. */
export function withRetry(next: AttemptFn, clock: Clock, policy: RetryPolicy, hooks: RetryHooks = {}) {
  return async (first: FirstAttempt): Promise<RetriedResult> => {
    let waitMs = 0;
    for (let number = 1; ; number += 1) {
      let outcome: number | Auth0Error;
      let result: AttemptResult | undefined;
      try {
        result = await next({ ...first, number, priority: number > 1 });
        waitMs += result.waitMs;
        if (result.status < 400) return { result, attempts: number, waitMs };
        outcome = result.status;
      } catch (error) {
        if (!(error instanceof Auth0Error)) throw error;
        outcome = error;
      }
      const now = clock.now();
      const decision = decideRetry(outcome, number, policy);
      const finish = (): RetriedResult => {
        if (result === undefined) throw outcome;
        return { result, attempts: number, waitMs };
      };
      if (!decision.retry || now + decision.delayMs >= first.deadline) return finish();
      hooks.onRetry?.(decision);
      await clock.sleep(decision.delayMs, first.signal);
    }
  };
}
