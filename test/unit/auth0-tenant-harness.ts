import { createCounters } from '../../src/auth0/counters.ts';
import { isAuth0Error } from '../../src/auth0/errors.ts';
import type { Auth0Error } from '../../src/auth0/errors.ts';
import type { RateBudget } from '../../src/auth0/rate-limit/presets.ts';
import { createRateLimiter } from '../../src/auth0/rate-limit/rate-limiter.ts';
import type { RateLimiter } from '../../src/auth0/rate-limit/rate-limiter.ts';
import { withThrottle } from '../../src/auth0/rate-limit/with-throttle.ts';
import { createGet } from '../../src/auth0/request.ts';
import { defaultRetryPolicy } from '../../src/auth0/retry.ts';
import { endpointGroupOf } from '../../src/auth0/routes.ts';
import type { Send } from '../../src/auth0/transport.ts';
import type { UpstreamCall } from '../../src/auth0/types.ts';
import type { RateLimitConfig } from '../../src/simulator/rate-limit/presets.ts';
import { createRateLimiter as createTenantBuckets } from '../../src/simulator/rate-limit/rate-limiter.ts';
import type { RateLimiter as TenantBuckets } from '../../src/simulator/rate-limit/rate-limiter.ts';
import { createFakeClock } from './auth0-fake-clock.ts';
import type { FakeClock } from './auth0-fake-clock.ts';

/** The bucket a storm reports: Essentials' "all other endpoints", what the simulator reports without limits. */
const STORM_BUCKET_SIZE = 10;

/** One request as the tenant saw it. */
export interface Sent {
  readonly at: number;
  readonly status: number;
}

/** One caller's call: its report, and the error it got if it failed. */
export interface Outcome {
  readonly call: UpstreamCall | undefined;
  readonly error: Auth0Error | undefined;
}

export interface TenantHarness {
  readonly clock: FakeClock;
  readonly limiter: RateLimiter;
  /** Every request that reached the tenant, in order. */
  readonly sent: readonly Sent[];
  /** The tenant changes plan: new buckets, full. */
  replaceTenant(next: RateLimitConfig): void;
  /** Every request is refused until then, with the headers the simulator's storm fault sends. */
  storm(untilMs: number): void;
  /** `GET route` through the request, retry, throttle and limiter layers; never rejects. */
  call(route: string, deadlineMs: number): Promise<Outcome>;
}

/**
 * The client's request layers and limiter against the simulator's own bucket logic (what it enforces and the
 * `x-ratelimit-*` it sends), on one fake clock. Auth0 answers at once, so every number a test reads is the
 * pacing's alone, and the same on every run.
 */
export function createTenantHarness(budget: RateBudget, tenant: RateLimitConfig, limits: { readonly maxQueueMs?: number } = {}): TenantHarness {
  const clock = createFakeClock();
  let buckets: TenantBuckets = createTenantBuckets(tenant, clock.now);
  let stormUntil = 0;
  const sent: Sent[] = [];
  const send: Send = (request) => {
    const now = clock.now();
    if (now < stormUntil) {
      sent.push({ at: now, status: 429 });
      // An empty bucket whose next token comes when the storm ends: full `limit` such spans from now.
      const reset = String(Math.ceil((now + (stormUntil - now) * STORM_BUCKET_SIZE) / 1000));
      const headers = { 'x-ratelimit-limit': String(STORM_BUCKET_SIZE), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset };
      return Promise.resolve({ status: 429, headers, body: { statusCode: 429, error: 'Too Many Requests' } });
    }
    const decision = buckets.admit(request.route, endpointGroupOf(request.route));
    const status = decision.allowed ? 200 : 429;
    sent.push({ at: now, status });
    return Promise.resolve({ status, headers: decision.headers, body: decision.allowed ? [] : { statusCode: 429, error: 'Too Many Requests' } });
  };
  const limiter = createRateLimiter({ ...budget, ...limits, clock });
  const get = createGet({
    apiPrefix: '',
    attempt: withThrottle(send, limiter, clock),
    clock,
    retry: { ...defaultRetryPolicy, random: () => 0.5 },
    counters: createCounters(() => 0),
  });
  return {
    clock,
    limiter,
    sent,
    replaceTenant: (next) => (buckets = createTenantBuckets(next, clock.now)),
    storm: (untilMs) => (stormUntil = untilMs),
    async call(route, deadlineMs) {
      let call: UpstreamCall | undefined;
      try {
        await get({ path: route, deadline: clock.now() + deadlineMs, onCall: (reported) => (call = reported) });
        return { call, error: undefined };
      } catch (error) {
        if (!isAuth0Error(error)) throw error;
        return { call, error };
      }
    },
  };
}

/** Open-loop demand: a call every `everyMs` for `forMs` (10 s deadlines), then time for all to settle. */
export async function demand(harness: TenantHarness, route: string, everyMs: number, forMs: number): Promise<readonly Outcome[]> {
  const pending: Promise<Outcome>[] = [];
  for (let elapsed = 0; elapsed < forMs; elapsed += everyMs) {
    pending.push(harness.call(route, 10_000));
    await harness.clock.advance(everyMs);
  }
  await harness.clock.advance(11_000);
  return Promise.all(pending);
}

export function servedBetween(sent: readonly Sent[], from: number, to: number): number {
  return sent.filter((entry) => entry.status === 200 && entry.at >= from && entry.at < to).length;
}

/** The most requests that reached the tenant within any one second, from `from` on. */
export function mostSentInAnySecond(sent: readonly Sent[], from = 0): number {
  const times = sent.filter((entry) => entry.at >= from).map((entry) => entry.at);
  let most = 0;
  for (const [index, at] of times.entries()) {
    let count = 0;
    for (let next = index; next < times.length && (times[next] ?? Infinity) < at + 1_000; next += 1) count += 1;
    most = Math.max(most, count);
  }
  return most;
}
