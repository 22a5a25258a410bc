import type { AttemptFn } from './attempt.ts';
import type { Clock } from './clock.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { Send } from './transport.ts';

export interface ThrottleHooks {
  onWait?(waitMs: number): void;
  onRateLimited?(): void;
  onRefused?(): void;
}

/** Every request to the Management API takes a token from the shared limiter first and reports back how it went. */
export function withThrottle(send: Send, limiter: RateLimiter, clock: Clock, hooks: ThrottleHooks = {}): AttemptFn {
  return async (attempt) => {
    let waitMs: number;
    try {
      waitMs = await limiter.acquire(attempt.group, {
        route: attempt.route,
        deadline: attempt.deadline,
        signal: attempt.signal,
        priority: attempt.priority,
        notBefore: attempt.notBefore,
      });
    } catch (error) {
      hooks.onRefused?.();
      throw error;
    }
    hooks.onWait?.(waitMs);
    const sentAt = clock.now();
    try {
      const response = await send({ method: 'GET', path: attempt.path, route: attempt.route, headers: attempt.headers, signal: attempt.signal });
      limiter.settle(attempt.group, { ...response, sentAt });
      if (response.status === 429) hooks.onRateLimited?.();
      return { ...response, waitMs };
    } catch (error) {
      limiter.settle(attempt.group, { status: 0, headers: {}, body: null, sentAt });
      throw error;
    }
  };
}
