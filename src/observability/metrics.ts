import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CircuitSnapshot, CircuitState } from '../auth0/circuit/circuit-breaker.ts';
import type { Auth0Counters } from '../auth0/counters.ts';
import type { LimiterSnapshot } from '../auth0/rate-limit/rate-limiter.ts';
import type { CacheEvent, UpstreamCall } from '../auth0/types.ts';

export type OperationOutcome = 'ok' | 'error' | 'refused';

export interface OperationRecord {
  readonly type: 'query' | 'mutation' | 'subscription' | 'unknown';
  /** The GraphQL operation name; caller-chosen, so the label set is capped. */
  readonly name: string | undefined;
  readonly outcome: OperationOutcome;
  readonly durationMs: number;
}

export interface Metrics {
  /** This app's own registry; never prom-client's global one, so two apps in one process don't collide. */
  readonly registry: Registry;
  recordOperation(operation: OperationRecord): void;
  recordUpstreamCall(call: UpstreamCall): void;
  recordCacheEvent(event: CacheEvent): void;
  setCacheBytes(bytes: number): void;
  /** Exposes the client's running totals (retries, 429s, limiter wait), read at scrape time. */
  observeAuth0(counters: Auth0Counters): void;
  /** Exposes the rate budget per lane (configured, assumed or learned from the headers), read at scrape time. */
  observeRateBudget(limiter: { snapshot(): LimiterSnapshot }): void;
  /** Exposes the tenant's circuit breaker: its state (shared with other replicas through Redis), openings and refusals. */
  observeCircuit(circuit: { current(): Promise<CircuitSnapshot> }): void;
  /** Exposes the live queries open and their runs, read at scrape time. */
  observeLiveQueries(live: { stats(): LiveQueryStats }): void;
  render(): Promise<{ readonly contentType: string; readonly body: string }>;
  readonly feed: FeedMetrics;
}

/** The change feed's counts (docs/design.md#answers-kept-until-they-change). Labels are bounded sets, never ids. */
export interface FeedMetrics {
  /** One entry or event read, by its log type (`event` for CloudEvents) and where it came from. */
  entry(kind: string, source: 'poll' | 'log-stream' | 'events'): void;
  /** One invalidation applied, by cause, and how many keys it named. */
  invalidation(cause: string, keys: number): void;
  flush(reason: string): void;
  poll(outcome: 'ok' | 'failed' | 'checkpoint-lost'): void;
  /** The newest entry's age when it was read. */
  lag(ms: number): void;
}

export interface LiveQueryStats {
  /** Clients with a live query open. */
  readonly open: number;
  /** Distinct documents and variables they watch: each runs once for all its clients. */
  readonly watched: number;
  /** Of those, how many wait for a run or are running, after a change touched what they read. */
  readonly pending: number;
  /** Runs after an invalidation, since the process started. */
  readonly reruns: number;
}

export interface MetricsOptions {
  /**
   * Distinct operation names kept as label values; later names are counted as `other`, so callers
   * cannot grow the series without bound.
   * @default 100
   */
  readonly maxOperationNames?: number;
}

const PREFIX = 'auth0_graph_';
const CIRCUIT_STATES: readonly CircuitState[] = ['closed', 'open', 'half-open'];
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Counters are monotonic in Prometheus; a running total read from elsewhere is set by reset+inc on scrape. */
function totalFrom(counter: Counter, value: number): void {
  counter.reset();
  counter.inc(value);
}

export function createMetrics({ maxOperationNames = 100 }: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const operations = new Counter({
    name: `${PREFIX}graphql_operations_total`,
    help: 'GraphQL operations by type, name and outcome.',
    labelNames: ['type', 'operation', 'outcome'],
    registers,
  });
  const operationSeconds = new Histogram({
    name: `${PREFIX}graphql_operation_duration_seconds`,
    help: 'Time to answer a GraphQL operation.',
    labelNames: ['type', 'operation'],
    buckets: SECONDS,
    registers,
  });
  const upstreamCalls = new Counter({
    name: `${PREFIX}upstream_calls_total`,
    help: 'Management API calls that left the process, by endpoint group, route and final status (0: no response). Refusals before any attempt left are in rate_limit_refusals_total.',
    labelNames: ['group', 'route', 'status'],
    registers,
  });
  const upstreamSeconds = new Histogram({
    name: `${PREFIX}upstream_call_duration_seconds`,
    help: 'Management API call time, retries and limiter waits included.',
    labelNames: ['group'],
    buckets: SECONDS,
    registers,
  });
  const limiterWaitSeconds = new Histogram({
    name: `${PREFIX}limiter_wait_seconds`,
    help: 'Time a call waited for the rate limiter.',
    labelNames: ['group'],
    buckets: [0, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers,
  });
  const cacheEvents = new Counter({
    name: `${PREFIX}cache_events_total`,
    help: 'Shared cache lookups by route and outcome (hit, stale, shared, miss).',
    labelNames: ['route', 'outcome'],
    registers,
  });
  const cacheBytes = new Gauge({ name: `${PREFIX}cache_bytes`, help: 'Bytes held by the shared cache.', registers });
  const names = new Set<string>();
  const feedEntries = new Counter({
    name: `${PREFIX}feed_entries_total`,
    help: 'Change feed entries read, by log type (event for Event Streams) and source (poll, log-stream, events).',
    labelNames: ['kind', 'source'],
    registers,
  });
  const feedInvalidations = new Counter({
    name: `${PREFIX}feed_invalidations_total`,
    help: 'Invalidations applied to the caches, by cause (a log type, event, unparsed, or a flush reason).',
    labelNames: ['cause'],
    registers,
  });
  const feedKeys = new Counter({ name: `${PREFIX}feed_invalidated_keys_total`, help: 'Resource keys named by invalidations, by cause.', labelNames: ['cause'], registers });
  const feedFlushes = new Counter({
    name: `${PREFIX}feed_flushes_total`,
    help: 'Times every cache was emptied because the feed could not vouch for what changed, by reason.',
    labelNames: ['reason'],
    registers,
  });
  const feedPolls = new Counter({ name: `${PREFIX}feed_polls_total`, help: 'Polls of the tenant logs by outcome.', labelNames: ['outcome'], registers });
  const feedLag = new Gauge({ name: `${PREFIX}feed_lag_seconds`, help: 'Age of the newest change feed entry when it was read.', registers });

  function operationLabel(name: string | undefined): string {
    if (name === undefined || name === '') return 'anonymous';
    if (names.has(name)) return name;
    if (names.size >= maxOperationNames) return 'other';
    names.add(name);
    return name;
  }

  return {
    registry,
    recordOperation({ type, name, outcome, durationMs }) {
      const operation = operationLabel(name);
      operations.inc({ type, operation, outcome });
      operationSeconds.observe({ type, operation }, durationMs / 1000);
    },
    recordUpstreamCall({ group, route, status, durationMs, waitMs }) {
      upstreamCalls.inc({ group, route, status: String(status) });
      upstreamSeconds.observe({ group }, durationMs / 1000);
      limiterWaitSeconds.observe({ group }, waitMs / 1000);
    },
    recordCacheEvent({ route, outcome }) {
      cacheEvents.inc({ route, outcome });
    },
    setCacheBytes(bytes) {
      cacheBytes.set(bytes);
    },
    observeAuth0(counters) {
      const totals: readonly (readonly [string, string, () => number])[] = [
        ['upstream_retries_total', 'Upstream attempts after the first.', () => counters.retries],
        ['upstream_rate_limited_total', '429 responses from Auth0, retried ones included.', () => counters.rateLimited],
        ['limiter_wait_seconds_total', 'Time spent waiting for the rate limiter, all calls.', () => counters.limiterWaitMs / 1000],
        ['auth0_tokens_issued_total', 'Management API tokens fetched.', () => counters.tokensIssued],
      ];
      for (const [name, help, read] of totals) {
        new Counter({
          name: `${PREFIX}${name}`,
          help,
          registers,
          collect() {
            totalFrom(this, read());
          },
        });
      }
      new Counter({
        name: `${PREFIX}rate_limit_refusals_total`,
        help: 'Calls the rate limiter refused before they left (RATE_LIMITED), by lane and reason: deadline (the budget cannot grant the call before it) or queue (other requests are ahead for longer than AUTH0_GRAPH_MAX_QUEUE_MS).',
        labelNames: ['lane', 'reason'],
        registers,
        collect() {
          this.reset();
          for (const [key, count] of counters.refusals) {
            const [lane = '', reason = ''] = key.split(' ');
            this.inc({ lane, reason }, count);
          }
        },
      });
    },
    observeRateBudget(limiter) {
      const gauges: readonly (readonly [string, string, (budget: { capacity: number; perSecond: number }) => number])[] = [
        ['rate_budget_capacity', 'Tokens the local bucket of each lane holds at most, by where the number comes from.', (budget) => budget.capacity],
        ['rate_budget_per_second', 'Refill rate of the local bucket of each lane, by where the number comes from.', (budget) => budget.perSecond],
      ];
      for (const [name, help, read] of gauges) {
        new Gauge({
          name: `${PREFIX}${name}`,
          help,
          labelNames: ['lane', 'source'],
          registers,
          collect() {
            // Reset first: a lane whose source changed (assumed → learned) must not keep its old series.
            this.reset();
            for (const [lane, budget] of Object.entries(limiter.snapshot().lanes)) this.set({ lane, source: budget.source }, read(budget));
          },
        });
      }
      new Gauge({
        name: `${PREFIX}rate_budget_shared`,
        help: '1 for the state of the rate budget shared through Redis: shared (drawn from by every replica) or local (Redis unreachable, this replica paces at its share alone).',
        labelNames: ['state'],
        registers,
        collect() {
          this.reset();
          const shared = limiter.snapshot().shared;
          if (shared === undefined) return;
          this.set({ state: 'shared' }, shared.mode === 'shared' ? 1 : 0);
          this.set({ state: 'local' }, shared.mode === 'local' ? 1 : 0);
        },
      });
      new Gauge({
        name: `${PREFIX}rate_budget_share`,
        help: "This replica's part of the tenant's rate: its demand's part of all replicas' while Redis answers, one over the replicas last counted while it does not.",
        registers,
        collect() {
          this.reset();
          const shared = limiter.snapshot().shared;
          if (shared !== undefined) this.set(shared.share);
        },
      });
    },
    observeCircuit(circuit) {
      // The circuit reads the shared store at most once per sync interval, however many series ask.
      const read = (): Promise<CircuitSnapshot> => circuit.current();
      new Gauge({
        name: `${PREFIX}upstream_circuit`,
        help: 'The Auth0 circuit breaker: 1 for its current state (closed, open: not calling Auth0, half-open: one probe may go).',
        labelNames: ['state'],
        registers,
        async collect() {
          const { state } = await read();
          for (const each of CIRCUIT_STATES) this.set({ state: each }, each === state ? 1 : 0);
        },
      });
      const totals: readonly (readonly [string, string, (snapshot: CircuitSnapshot) => number])[] = [
        ['upstream_circuit_opens_total', 'Times the Auth0 circuit breaker opened in this process.', (snapshot) => snapshot.opens],
        ['upstream_circuit_refused_total', 'Calls not sent to Auth0 because the circuit was open.', (snapshot) => snapshot.refused],
      ];
      for (const [name, help, pick] of totals) {
        new Counter({
          name: `${PREFIX}${name}`,
          help,
          registers,
          async collect() {
            totalFrom(this, pick(await read()));
          },
        });
      }
    },
    observeLiveQueries(live) {
      const gauges: readonly (readonly [string, string, (stats: LiveQueryStats) => number])[] = [
        ['live_queries_open', 'Clients with a @live query open.', (stats) => stats.open],
        ['live_queries_watched', 'Distinct @live documents and variables open; each re-runs once for all the clients watching it.', (stats) => stats.watched],
        ['live_queries_pending', '@live documents waiting for (or in) a run after a change touched what they read.', (stats) => stats.pending],
      ];
      for (const [name, help, read] of gauges) {
        new Gauge({
          name: `${PREFIX}${name}`,
          help,
          registers,
          collect() {
            this.set(read(live.stats()));
          },
        });
      }
      new Counter({
        name: `${PREFIX}live_query_reruns_total`,
        help: '@live query runs caused by a change the feed reported.',
        registers,
        collect() {
          totalFrom(this, live.stats().reruns);
        },
      });
    },
    feed: {
      entry: (kind, source) => feedEntries.inc({ kind, source }),
      invalidation: (cause, keys) => {
        feedInvalidations.inc({ cause });
        feedKeys.inc({ cause }, keys);
      },
      flush: (reason) => feedFlushes.inc({ reason }),
      poll: (outcome) => feedPolls.inc({ outcome }),
      lag: (ms) => feedLag.set(ms / 1000),
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
