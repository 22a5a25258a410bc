import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TracerProvider } from '@opentelemetry/api';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { createYoga } from 'graphql-yoga';
import type { YogaServerInstance } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { createCircuitBreaker } from './auth0/circuit/circuit-breaker.ts';
import type { CircuitSnapshot } from './auth0/circuit/circuit-breaker.ts';
import { createRedisCircuit } from './auth0/circuit/redis-circuit.ts';
import { createSharedCircuit } from './auth0/circuit/shared-circuit.ts';
import { systemClock } from './auth0/clock.ts';
import { createAuth0Client } from './auth0/index.ts';
import { createRedisBudget } from './auth0/rate-limit/redis-budget.ts';
import type { LimiterSnapshot } from './auth0/rate-limit/rate-limiter.ts';
import type { Auth0Client } from './auth0/types.ts';
import type { ExecutionResult } from 'graphql';
import { createDocumentResponseCache } from './plugins/document-response-cache.ts';
import { createInvalidationBus } from './cache/invalidation.ts';
import type { InvalidationBus } from './cache/invalidation.ts';
import { createRedisTier } from './cache/redis-tier.ts';
import { createResponseCache } from './cache/response-cache.ts';
import { withResponseCache } from './cache/with-response-cache.ts';
import type { Config } from './config-types.ts';
import { createChangeFeed } from './feed/change-feed.ts';
import type { ChangeFeed } from './feed/change-feed.ts';
import { localCoordination, redisCoordination } from './feed/feed-coordination.ts';
import type { Context, ContextDeps } from './resolvers/context.ts';
import { createBudgetLog } from './observability/budget-log.ts';
import { createLogger } from './observability/logger.ts';
import type { Logger } from './observability/logger.ts';
import { createMetrics } from './observability/metrics.ts';
import type { Metrics } from './observability/metrics.ts';
import { createReadiness } from './observability/readiness.ts';
import type { Readiness } from './observability/readiness.ts';
import { createTracing } from './observability/tracing.ts';
import { withCallSpans } from './observability/with-call-spans.ts';
import { maskUpstreamError } from './plugins/mask-upstream-error.ts';
import { useAbuseLimits } from './plugins/use-abuse-limits.ts';
import { exampleQueries } from './plugins/graphiql-examples.ts';
import { useBodyLimit } from './plugins/use-body-limit.ts';
import { useChangeReceivers } from './plugins/use-change-receivers.ts';
import { useCallerAuth } from './plugins/use-caller-auth.ts';
import { useCostLimit } from './plugins/use-cost-limit.ts';
import { useDeadline } from './plugins/use-deadline.ts';
import { renderLocalGraphiQL, useGraphiQLAssets } from './plugins/use-graphiql-assets.ts';
import { useGraphContext } from './plugins/use-graph-context.ts';
import { createLiveQueryHub } from './plugins/live-query-hub.ts';
import { useLiveQueries } from './plugins/use-live-queries.ts';
import { useMaskedIncrementalErrors } from './plugins/use-masked-incremental-errors.ts';
import { useMetrics } from './plugins/use-metrics.ts';
import { useReadiness } from './plugins/use-readiness.ts';
import { getRequestId, useRequestId } from './plugins/use-request-id.ts';
import { useRequestLogging } from './plugins/use-request-logging.ts';
import { useResponseCache } from './plugins/use-response-cache.ts';
import { useTracing } from './plugins/use-tracing.ts';
import { useTrustedDocuments } from './plugins/use-trusted-documents.ts';
import { useUpstreamReport } from './plugins/use-upstream-report.ts';
import { yogaLoggerOf } from './plugins/yoga-logger.ts';
import { schema } from './schema/index.ts';
import { splitCacheBudget } from './cache/cache-budget.ts';

export interface AppDeps {
  /** The upstream client; by default one per process from `config.auth0`, its rate limiter inside. */
  readonly auth0?: Auth0Client;
  /** By default JSON lines on stdout at `config.logLevel`, scrubbed of the configured secrets. */
  readonly logger?: Logger;
  /** Tests pass one with an in-memory exporter (and flush it themselves); by default one exporting to `config.tracing`, if set. */
  readonly tracerProvider?: TracerProvider;
  /** Epoch ms for the caches' lifetimes and the change feed; tests pass a fake clock. @default Date.now */
  readonly now?: () => number;
}

export interface App {
  fetch(request: Request): Promise<Response>;
  /** Binds `config.host:config.port` (0: an ephemeral port) and resolves with the real URL. */
  listen(): Promise<{ url: string }>;
  close(): Promise<void>;
  readonly yoga: YogaServerInstance<Record<string, never>, Context>;
  readonly metrics: Metrics;
  readonly readiness: Readiness;
  /** Bytes each cache holds now, as counted against its bound. */
  cacheBytes(): { readonly upstream: number; readonly answers: number };
  /** The rate budget per lane now; undefined when the Auth0 client was injected. */
  rateBudget(): LimiterSnapshot | undefined;
  /** The change feed: polled by `listen` every AUTH0_GRAPH_FEED_INTERVAL, by tests through `pollOnce`. */
  readonly feed: ChangeFeed;
  /** Every invalidation, after the caches have evicted it (live queries subscribe). */
  readonly invalidations: InvalidationBus;
}

/** The composition root: one Auth0 client (limiter inside) and one response cache per process. */
export function createApp(config: Config, deps: AppDeps = {}): App {
  const logger = deps.logger ?? createLogger(config);
  const metrics = createMetrics();
  const redis = config.redisUrl === undefined ? undefined : connectRedis(config.redisUrl, logger);
  const { upstream, limiter, circuit } = upstreamOf(config, deps, metrics, redis, logger);
  const reportBudget = limiter && createBudgetLog(limiter, (budget) => logger.info({ rateBudget: budget }, 'rate budget changed'));
  const readiness = createReadiness({
    auth0: upstream,
    circuit,
    degraded: () => (limiter?.snapshot().shared?.mode === 'local' ? 'SHARED_RATE_BUDGET_UNREACHABLE' : undefined),
  });
  const cacheBytes = splitCacheBudget(config.cacheMaxBytes);
  const ttlMs = config.cacheTtlSeconds * 1000;
  const cache = createResponseCache({
    ttlMs,
    maxBytes: cacheBytes.upstream,
    tenant: config.auth0.domain,
    tier: redis && createRedisTier(redis, { prefix: `auth0-graph:cache:${config.auth0.domain}`, logger }),
    // Asked at each fill, by then the feed below exists.
    taggedTtlMs: () => (changeFeed.healthy() ? config.feed.maxStalenessMs : ttlMs),
    ...(deps.now === undefined ? {} : { now: deps.now }),
  });
  const tracing = createTracing(config.tracing, deps.tracerProvider);
  const cached = withResponseCache(upstream, cache);
  const auth0 = tracing === undefined ? cached : withCallSpans(cached, tracing.tracer);
  const answers = createDocumentResponseCache({ ttlMs, maxBytes: cacheBytes.answers, ...(deps.now === undefined ? {} : { now: deps.now }) });
  const invalidations = createInvalidationBus();
  const changeFeed = createChangeFeed({
    auth0: upstream,
    settings: config.feed,
    evict: async ({ keys }) => {
      answers.clear();
      await cache.invalidate(keys);
    },
    bus: invalidations,
    coordination:
      redis === undefined
        ? localCoordination()
        : redisCoordination(redis, {
            prefix: `auth0-graph:feed:${config.auth0.domain}`,
            // A poller that stops renewing is replaced within three intervals.
            lockMs: Math.max(3 * config.feed.intervalMs, 3_000),
          }),
    logger,
    metrics: metrics.feed,
    now: deps.now,
  });
  const contextDeps: ContextDeps = {
    auth0,
    onCall: (call) => {
      metrics.recordUpstreamCall(call);
      readiness.observe(call);
      reportBudget?.();
    },
    onCache: (event) => {
      metrics.recordCacheEvent(event);
      metrics.setCacheBytes(cache.stats().bytes);
    },
  };
  const shutdown = new AbortController();
  const live = createLiveQueryHub<ExecutionResult>({
    bus: invalidations,
    intervalMs: config.feed.intervalMs,
    maxOpen: config.liveMaxQueries,
  });
  metrics.observeLiveQueries(live);
  const yoga = createYoga<Record<string, never>, Context>({
    schema,
    maskedErrors: { maskError: maskUpstreamError },
    graphiql: { title: 'auth0-graph', defaultQuery: exampleQueries() },
    renderGraphiQL: renderLocalGraphiQL,
    logging: yogaLoggerOf(logger),
    // `useBodyLimit` bounds bodies without streaming each one through yoga's own limiter.
    maxRequestBodySize: false,
    plugins: [
      useRequestId(),
      useRequestLogging({ logger }),
      ...(tracing === undefined ? [] : [useTracing({ tracer: tracing.tracer })]),
      useMetrics({ metrics }),
      useReadiness(readiness, () => changeFeed.status()),
      useGraphiQLAssets(),
      // Before the body limit and caller authentication: deliveries carry their own token and larger bodies.
      ...(config.feed.webhookToken === undefined ? [] : [useChangeReceivers({ feed: changeFeed, token: config.feed.webhookToken })]),
      useBodyLimit({ maxBytes: config.limits.maxBodyBytes }),
      useCallerAuth({
        ...config.callers,
        onReject: (reason, request) => logger.warn({ requestId: getRequestId(request), reason }, 'caller refused'),
      }),
      ...(config.persistedOperationsFile === undefined ? [] : [useTrustedDocuments({ file: config.persistedOperationsFile })]),
      useAbuseLimits(config.limits),
      // @stream and @defer, answered as multipart/mixed; graphql 16 has neither directive of its own.
      useDeferStream(),
      useCostLimit({
        maxUpstreamCalls: config.maxUpstreamCalls,
        streamMaxUpstreamCalls: config.streamMaxUpstreamCalls,
        timeoutMs: config.timeoutMs,
        streamTimeoutMs: config.streamTimeoutMs,
        // An injected client brings no limiter of ours: its pacing is its own, so only the call cap applies.
        budget: () => limiter?.snapshot().lanes,
        onRefuse: (estimate, budget, time) =>
          logger.info(
            { estimate: estimate.calls, budget, field: estimate.mostExpensive?.path, ...time },
            time === undefined ? 'query over cost budget' : 'query slower than its deadline at the current rate budget',
          ),
      }),
      // One request fans out to as many concurrent upstream calls as its budget allows, each listening on the signal.
      useDeadline({
        shutdown: shutdown.signal,
        timeoutMs: config.timeoutMs,
        streamTimeoutMs: config.streamTimeoutMs,
        maxListeners: Math.max(10, config.maxUpstreamCalls, config.streamMaxUpstreamCalls),
      }),
      // After the cost limit: a live query the tenant cannot afford is refused before anyone watches it.
      useLiveQueries({
        hub: live,
        deps: contextDeps,
        timeoutMs: config.streamTimeoutMs,
        maxOpen: config.liveMaxQueries,
        maxListeners: Math.max(10, config.streamMaxUpstreamCalls),
      }),
      useGraphContext(contextDeps),
      useUpstreamReport(),
      useMaskedIncrementalErrors({ maskError: maskUpstreamError }),
      useResponseCache(answers),
    ],
  });
  const server = createServer(yoga);
  // In-flight requests end by their own deadline; past it (plus a margin for the answer) they are cut off. A
  // running stream is ended by the shutdown itself (its deadline becomes now), so its client gets the rows it
  // had, a coded error and the answer's last part, instead of a socket closed mid-part.
  const drainMs = config.timeoutMs + 1_000;
  return {
    yoga,
    metrics,
    readiness,
    cacheBytes: () => ({ upstream: cache.stats().bytes, answers: answers.stats().bytes }),
    rateBudget: () => limiter?.snapshot(),
    feed: changeFeed,
    invalidations,
    fetch: (request) => Promise.resolve(yoga.fetch(request)),
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.off('error', reject);
          changeFeed.start();
          const address = server.address() as AddressInfo;
          const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ url: `http://${host}:${address.port}` });
        });
      }),
    close: async () => {
      shutdown.abort();
      // Live answers have no end of their own: ending them lets their connections drain.
      live.close();
      if (server.listening) await drain(server, drainMs);
      await changeFeed.close();
      await upstream.close();
      await cache.close();
      redis?.disconnect();
      // Last: every span of a drained request has ended by now, so the final batch holds them all.
      await tracing?.close();
    },
  };
}

/** The injected client, or the process's own, whose running totals (retries, 429s, limiter wait, circuit) go to /metrics. */
function upstreamOf(
  config: Config,
  deps: AppDeps,
  metrics: Metrics,
  redis: Redis | undefined,
  logger: Logger,
): { upstream: Auth0Client; limiter: { snapshot(): LimiterSnapshot } | undefined; circuit: { current(): Promise<CircuitSnapshot> } | undefined } {
  if (deps.auth0 !== undefined) return { upstream: deps.auth0, limiter: undefined, circuit: undefined };
  // Replicas sharing REDIS_URL draw from one rate budget per tenant, so together they stay under Auth0's limit.
  const sharedBudget = redis && createRedisBudget(redis, { prefix: `auth0-graph:rate:${config.auth0.domain}` });
  // ...and see one circuit per tenant: a replica that learns Auth0 is down spares the others their failing calls.
  const circuit = createSharedCircuit({
    breaker: createCircuitBreaker({ clock: systemClock }),
    clock: systemClock,
    store: redis && createRedisCircuit(redis, { key: `auth0-graph:circuit:${config.auth0.domain}` }),
    onChange: ({ state, retryAfterMs }) =>
      state === 'closed' ? logger.info({ circuit: state }, 'Auth0 answers again; calls resume') : logger.warn({ circuit: state, retryAfterMs }, 'Auth0 is failing; calls stop until a probe succeeds'),
  });
  const client = createAuth0Client(config.auth0, {
    sharedBudget,
    circuit,
    replicas: config.replicas,
    // Once per switch, not per call: the limiter reports only changes of mode.
    onSharedModeChange: ({ mode, replicas, share }) =>
      mode === 'local'
        ? logger.warn({ rateBudget: { shared: mode, replicas, share } }, "shared rate budget unreachable; this replica paces alone at its share of the tenant's rate")
        : logger.info({ rateBudget: { shared: mode, replicas, share } }, 'shared rate budget answers again; replicas draw from it'),
  });
  metrics.observeAuth0(client.counters);
  metrics.observeRateBudget(client.limiter);
  metrics.observeCircuit(circuit);
  return { upstream: client, limiter: client.limiter, circuit };
}

/**
 * One connection serves both the shared rate budget and the cache tier. It never queues commands while
 * disconnected: both users fall back to local behaviour at once instead of waiting on a dead Redis.
 */
function connectRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  let reported = false;
  redis.on('error', (error: Error) => {
    if (reported) return;
    reported = true;
    logger.warn({ err: { name: error.name, message: error.message } }, 'Redis unavailable; the cache is per replica until it returns');
  });
  redis.on('ready', () => {
    reported = false;
  });
  return redis;
}

/**
 * Stops accepting, lets in-flight requests finish (Node's `close` also drops idle keep-alive sockets), and
 * after `boundMs` cuts whatever is still open so shutdown cannot hang on a stuck client.
 */
async function drain(server: ReturnType<typeof createServer>, boundMs: number): Promise<void> {
  const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  const timer = setTimeout(() => server.closeAllConnections(), boundMs);
  // A keep-alive socket whose last response just went out would otherwise hold shutdown until it times out.
  const sweeper = setInterval(() => server.closeIdleConnections(), 100);
  timer.unref();
  sweeper.unref();
  try {
    await closed;
  } finally {
    clearTimeout(timer);
    clearInterval(sweeper);
  }
}
