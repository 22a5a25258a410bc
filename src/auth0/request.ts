import type { AttemptFn } from './attempt.ts';
import type { Clock } from './clock.ts';
import type { CounterSink } from './counters.ts';
import { Auth0Error, isAuth0Error } from './errors.ts';
import { errorFromResponse } from './error-mapping.ts';
import { toQueryString } from './query-string.ts';
import { parseRateLimitHeaders, tokenDueInMs } from './rate-limit-headers.ts';
import { withRetry } from './retry.ts';
import type { RetryPolicy } from './retry.ts';
import { endpointGroupOf, routeOf } from './routes.ts';
import type { Auth0Request } from './types.ts';

export interface GetOptions {
  /** Path prefix of the Management API on the origin, e.g. `/api/v2`. */
  readonly apiPrefix: string;
  /** The layers below retry: token, then throttle, then transport. */
  readonly attempt: AttemptFn;
  readonly clock: Clock;
  readonly retry: RetryPolicy;
  readonly counters: CounterSink;
  /** Deadline for calls that bring neither `deadline` nor `signal`. @default 30_000 */
  readonly defaultTimeoutMs?: number;
}

const DISPOSED = 'call settled';

/** Arms an abort at the deadline on the injected clock, and follows the caller's own signal. */
function deadlineSignal(clock: Clock, deadline: number, outer: AbortSignal | undefined): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const timer = new AbortController();
  const onOuterAbort = (): void => controller.abort(outer?.reason);
  if (outer?.aborted === true) controller.abort(outer.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  clock.sleep(Math.max(0, deadline - clock.now()), timer.signal).then(
    () => controller.abort(new Auth0Error('AUTH0_TIMEOUT', 'deadline passed')),
    () => undefined,
  );
  return {
    signal: controller.signal,
    dispose: () => {
      // With a reason of our own: an abort without one builds a DOMException, whose stack capture every call paid.
      timer.abort(DISPOSED);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}

/** The client's `get`: retry around the attempt layers, then one typed outcome and one `onCall` report. */
export function createGet(options: GetOptions): (request: Auth0Request) => Promise<unknown> {
  const { clock, counters } = options;
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 30_000;
  const run = withRetry(options.attempt, clock, options.retry, { onRetry: () => (counters.counters.retries += 1) });

  return async (request) => {
    const startedAt = clock.now();
    const route = routeOf(request.path);
    const group = endpointGroupOf(route);
    const deadline = request.deadline ?? startedAt + defaultTimeoutMs;
    const { signal, dispose } = deadlineSignal(clock, deadline, request.signal);
    let status = 0;
    let attempts = 1;
    let waitMs = 0;
    try {
      const outcome = await run({
        path: `${options.apiPrefix}${request.path}${toQueryString(request.query)}`,
        route,
        group,
        deadline,
        signal,
        headers: { accept: 'application/json' },
      });
      ({ attempts, waitMs } = outcome);
      status = outcome.result.status;
      if (status >= 200 && status < 300) return outcome.result.body;
      const retryAfterMs = status === 429 ? tokenDueInMs(parseRateLimitHeaders(outcome.result.headers, clock.now()), clock.now()) : undefined;
      throw errorFromResponse(status, outcome.result.body, route, retryAfterMs);
    } catch (error) {
      // Whatever was interrupted (a backoff sleep, the token fetch, the socket), an abort is this call's deadline.
      if (signal.aborted && !isAuth0Error(error, 'AUTH0_RATE_LIMITED')) {
        throw new Auth0Error('AUTH0_TIMEOUT', `GET ${route} passed its deadline`, { route, status: 0 });
      }
      if (isAuth0Error(error)) status = error.status ?? status;
      throw error;
    } finally {
      dispose();
      counters.countCall(group, status);
      request.onCall?.({ method: 'GET', route, group, status, attempts, waitMs, durationMs: clock.now() - startedAt });
    }
  };
}
