import type { AttemptFn } from './attempt.ts';
import type { Clock } from './clock.ts';
import type { CounterSink } from './counters.ts';
import { Auth0Error, isAuth0Error } from './errors.ts';
import { errorFromResponse } from './error-mapping.ts';
import { toQueryString } from './query-string.ts';
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

const KEEP = (): void => undefined;

/**
 * The signal a call runs under. A caller's own signal is its deadline (the GraphQL request's, the shared
 * flight's of the cache, a probe's timeout) and is used as it is: `deadline` then only lets the limiter refuse
 * a wait that would outlast it. Only a call without one gets a timer, at its deadline, on the injected clock;
 * a second timer and two controllers per call for a deadline the signal already carries were pure cost.
 */
function callSignal(clock: Clock, deadline: number, outer: AbortSignal | undefined): { signal: AbortSignal; dispose: () => void } {
  if (outer !== undefined) return { signal: outer, dispose: KEEP };
  const controller = new AbortController();
  const timer = new AbortController();
  clock.sleep(Math.max(0, deadline - clock.now()), timer.signal).then(
    () => controller.abort(new Auth0Error('AUTH0_TIMEOUT', 'deadline passed')),
    () => undefined,
  );
  return {
    signal: controller.signal,
    // With a reason of our own: an abort without one builds a DOMException, whose stack capture every call paid.
    dispose: () => timer.abort(DISPOSED),
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
    const { signal, dispose } = callSignal(clock, deadline, request.signal);
    let status = 0;
    let attempts = 1;
    let waitMs = 0;
    let sent = false;
    try {
      const outcome = await run({
        path: `${options.apiPrefix}${request.path}${toQueryString(request.query)}`,
        route,
        group,
        deadline,
        signal,
        flow: request.flow,
        onSent: () => (sent = true),
        background: request.background,
        headers: { accept: 'application/json' },
      });
      ({ attempts, waitMs } = outcome);
      status = outcome.result.status;
      if (status >= 200 && status < 300) return outcome.result.body;
      // A 429 never ends here: the throttle either waited for its token or refused it with `retryAfter`.
      throw errorFromResponse(status, outcome.result.body, route);
    } catch (error) {
      // Whatever was interrupted (a backoff sleep, the token fetch, the socket), an abort is this call's deadline.
      if (signal.aborted && !isAuth0Error(error, 'AUTH0_RATE_LIMITED')) {
        throw new Auth0Error('AUTH0_TIMEOUT', `GET ${route} passed its deadline`, { route, status: 0 });
      }
      if (isAuth0Error(error)) status = error.status ?? status;
      throw error;
    } finally {
      dispose();
      // Only calls that left the process are upstream calls; the limiter's refusals are counted where it refuses.
      if (sent) {
        counters.countCall(group, status);
        request.onCall?.({ method: 'GET', route, group, status, attempts, waitMs, durationMs: clock.now() - startedAt });
      }
    }
  };
}
