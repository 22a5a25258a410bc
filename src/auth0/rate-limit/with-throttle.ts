import type { AttemptFn } from '../attempt.ts';
import type { Clock } from '../clock.ts';
import { errorFromResponse } from '../error-mapping.ts';
import type { Send } from '../transport.ts';
import { decideRateLimited, defaultRateLimitedPolicy } from './decide-rate-limited.ts';
import type { RateLimitedPolicy } from './decide-rate-limited.ts';
import { parseRateLimitHeaders } from './headers.ts';
import type { RateLimiter } from './rate-limiter.ts';

export interface ThrottleHooks {
  onWait?(waitMs: number): void;
  onRateLimited?(): void;
  /** A 429 is sent again once its token is due. */
  onRetry?(): void;
}

/**
 * Every request to the Management API takes a token from the shared limiter first and reports back how it went.
 * A 429 is this layer's, not the retry layer's: the same decision that paused the bucket says whether the call
 * waits for its token (ahead of new work) or is refused now with `retryAfter`.
 */
export function withThrottle(send: Send, limiter: RateLimiter, clock: Clock, hooks: ThrottleHooks = {}, policy: RateLimitedPolicy = defaultRateLimitedPolicy): AttemptFn {
  return async (attempt) => {
    let waitMs = 0;
    let notBefore = 0;
    for (let rateLimited = 1; ; rateLimited += 1) {
      const waited = await limiter.acquire(attempt.group, {
        route: attempt.route,
        deadline: attempt.deadline,
        signal: attempt.signal,
        priority: attempt.priority || rateLimited > 1,
        background: attempt.background,
        notBefore,
        flow: attempt.flow,
      });
      waitMs += waited;
      hooks.onWait?.(waited);
      const sentAt = clock.now();
      attempt.onSent?.();
      let response: Awaited<ReturnType<Send>>;
      try {
        response = await send({ method: 'GET', path: attempt.path, route: attempt.route, headers: attempt.headers, signal: attempt.signal });
      } catch (error) {
        limiter.settle(attempt.group, { status: 0, headers: {}, body: null, sentAt });
        throw error;
      }
      limiter.settle(attempt.group, { ...response, sentAt });
      if (response.status !== 429) return { ...response, waitMs };
      hooks.onRateLimited?.();
      const now = clock.now();
      const decision = decideRateLimited(parseRateLimitHeaders(response.headers, now), { now, deadline: attempt.deadline, attempt: rateLimited }, policy);
      if (!decision.retry) throw errorFromResponse(429, response.body, attempt.route, decision.waitMs);
      hooks.onRetry?.();
      notBefore = now + decision.waitMs;
    }
  };
}
