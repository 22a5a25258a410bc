import type { Dispatcher } from 'undici';
import type { Auth0Settings } from '../config-types.ts';
import { createCircuitBreaker } from './circuit/circuit-breaker.ts';
import { createSharedCircuit } from './circuit/shared-circuit.ts';
import type { Circuit } from './circuit/shared-circuit.ts';
import { withCircuitBreaker } from './circuit/with-circuit-breaker.ts';
import { systemClock } from './clock.ts';
import type { Clock } from './clock.ts';
import { createCounters } from './counters.ts';
import type { Auth0Counters } from './counters.ts';
import { upstreamConnectionsFor } from './pool-size.ts';
import { resolveBudget } from './rate-limit/presets.ts';
import { createRateLimiter } from './rate-limit/rate-limiter.ts';
import type { RateLimiter } from './rate-limit/rate-limiter.ts';
import type { ReplicaShareState } from './rate-limit/replica-pacing.ts';
import type { SharedBudget } from './rate-limit/shared-budget.ts';
import { createGet } from './request.ts';
import { defaultRetryPolicy } from './retry.ts';
import { createTokenProvider } from './token-provider.ts';
import { createTransport } from './transport.ts';
import type { Auth0Client } from './types.ts';
import { withThrottle } from './rate-limit/with-throttle.ts';
import { withToken } from './with-token.ts';

export interface Auth0ClientOptions {
  /** Tests pass a MockAgent; by default the client owns one keep-alive Agent for the tenant. */
  readonly dispatcher?: Dispatcher;
  /** @default the system clock */
  readonly clock?: Clock;
  /** Jitter source in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** The tenant's shared limiter, created once in the composition root; by default one from AUTH0_PLAN (`auto`: learned). */
  readonly limiter?: RateLimiter;
  /** With no injected limiter: a budget shared with other replicas (see rate-limit/redis-budget.ts for REDIS_URL). */
  readonly sharedBudget?: SharedBudget;
  /** The tenant's circuit breaker, shared with other replicas (server.ts); by default one of this client's own. */
  readonly circuit?: Circuit;
  /** Replicas assumed while the shared budget is unreachable before it counted them (AUTH0_GRAPH_REPLICAS). @default 3 */
  readonly replicas?: number;
  /** The shared budget became unreachable, or answered again. */
  readonly onSharedModeChange?: (state: ReplicaShareState) => void;
  /** Attempts per call, the first included. @default 4 */
  readonly maxAttempts?: number;
  /** @default 60_000 */
  readonly tokenRefreshLeewayMs?: number;
  /** Sockets to the tenant. @default AUTH0_GRAPH_UPSTREAM_CONNECTIONS, else sized from the plan's bursts (pool-size.ts) */
  readonly connections?: number;
  readonly connectTimeoutMs?: number;
  readonly headersTimeoutMs?: number;
  readonly bodyTimeoutMs?: number;
  /** Deadline for calls that bring none. @default 30_000 */
  readonly defaultTimeoutMs?: number;
}

export type Auth0ClientWithState = Auth0Client & { readonly counters: Auth0Counters; readonly limiter: RateLimiter; readonly circuit: Circuit };

/** Wires transport → throttle → token → circuit breaker → retry into the client every resolver goes through. */
export function createAuth0Client(settings: Auth0Settings, options: Auth0ClientOptions = {}): Auth0ClientWithState {
  const clock = options.clock ?? systemClock;
  // With AUTH0_PLAN=auto the preset is the ceiling the learned budget may rise to, so the pool is sized for it.
  const budget = resolveBudget(settings.plan, settings.rateLimit, settings.rateBurst);
  const transport = createTransport({
    baseUrl: settings.baseUrl,
    dispatcher: options.dispatcher,
    connections: options.connections ?? settings.upstreamConnections ?? upstreamConnectionsFor(budget.preset),
    connectTimeoutMs: options.connectTimeoutMs,
    headersTimeoutMs: options.headersTimeoutMs,
    bodyTimeoutMs: options.bodyTimeoutMs,
  });
  const tokens = createTokenProvider(settings, { send: transport.send, clock, refreshLeewayMs: options.tokenRefreshLeewayMs });
  const sink = createCounters(() => tokens.issued);
  const limiter =
    options.limiter ??
    createRateLimiter({
      ...budget,
      clock,
      shared: options.sharedBudget,
      assumedReplicas: options.replicas,
      onSharedModeChange: options.onSharedModeChange,
      maxQueueMs: settings.maxQueueMs,
      onRefused: (group, reason) => sink.countRefusal(group, reason),
    });
  const throttled = withThrottle(transport.send, limiter, clock, {
    onWait: (waitMs) => (sink.counters.limiterWaitMs += waitMs),
    onRateLimited: () => (sink.counters.rateLimited += 1),
    onRetry: () => (sink.counters.retries += 1),
  });
  const random = options.random ?? Math.random;
  const circuit = options.circuit ?? createSharedCircuit({ breaker: createCircuitBreaker({ clock, random }), clock });
  const guarded = withCircuitBreaker(withToken(throttled, tokens), circuit);
  const get = createGet({
    apiPrefix: `${new URL(settings.baseUrl).pathname.replace(/\/+$/, '')}/api/v2`,
    attempt: guarded,
    clock,
    retry: { ...defaultRetryPolicy, maxAttempts: options.maxAttempts ?? defaultRetryPolicy.maxAttempts, random },
    counters: sink,
    defaultTimeoutMs: options.defaultTimeoutMs,
  });
  return { get, close: transport.close, counters: sink.counters, limiter, circuit };
}
