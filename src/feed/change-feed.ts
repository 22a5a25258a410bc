import { LRUCache } from 'lru-cache';
import { isAuth0Error } from '../auth0/errors.ts';
import type { Auth0Client } from '../auth0/types.ts';
import { EVERYTHING } from '../cache/invalidation.ts';
import type { Invalidation, InvalidationBus, ResourceKey } from '../cache/invalidation.ts';
import type { FeedSettings } from '../config-types.ts';
import type { Logger } from '../observability/logger.ts';
import type { FeedMetrics } from '../observability/metrics.ts';
import { keysOfEvent, keysOfLogEntry, kindLabel } from './change-keys.ts';
import type { FeedCoordination } from './feed-coordination.ts';
import { feedHealthy, initialTrackerState, TAKE, trackPoll } from './feed-tracker.ts';
import type { FlushReason, PollOutcome, TrackerState } from './feed-tracker.ts';
import { cloudEventSchema, logEntrySchema, logPageSchema, logStreamItemSchema } from './wire.ts';
import type { LogEntry } from './wire.ts';

export interface ChangeFeedOptions {
  /** The uncached client: the feed's calls share the rate budget, behind every request (`background`). */
  readonly auth0: Auth0Client;
  readonly settings: FeedSettings;
  /** Evicts what an invalidation names from every cache; the bus hears of it only after. */
  readonly evict: (invalidation: Invalidation) => Promise<void>;
  readonly bus: InvalidationBus;
  readonly coordination: FeedCoordination;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
  readonly metrics?: FeedMetrics;
  /** Epoch ms; tests pass a fake clock. @default Date.now */
  readonly now?: () => number;
}

export type FeedRole = 'poller' | 'follower';

/** What `/ready` says of the feed. */
export interface FeedStatus {
  readonly mode: 'logs' | 'off';
  /** `starting` before the first poll answered; `failing` once polls stopped answering; answers then live by the TTL. */
  readonly state: 'starting' | 'healthy' | 'failing' | 'off';
  readonly role?: FeedRole;
  readonly lagSeconds?: number;
  readonly lastPollSecondsAgo?: number;
}

export type PushSource = 'log-stream' | 'events';

export interface ChangeFeed {
  /** One round: take or keep the poller's role, then read the logs (several pages when behind). */
  pollOnce(): Promise<void>;
  /** A Log Streams delivery's items; resolves with how many were new once their invalidations are applied. */
  receiveLogStream(items: readonly unknown[]): Promise<number>;
  /** An Event Streams delivery's CloudEvents; as `receiveLogStream`. */
  receiveEvents(items: readonly unknown[]): Promise<number>;
  /** Whether cached answers may be kept on the feed's word now (docs/design.md#answers-kept-until-they-change). */
  healthy(): boolean;
  status(): FeedStatus;
  /** Resolves once the replicas' coordination is in place (at once without Redis). */
  ready(): Promise<void>;
  /** Polls every interval until closed, the first round once `ready`. */
  start(): void;
  close(): Promise<void>;
}

/** Pages read in one round when behind; the rest waits for the next round. */
const MAX_PAGES_PER_ROUND = 10;
/** Ids remembered to make deliveries idempotent: retried batches and entries both pushed and polled. */
const SEEN_IDS = 50_000;

/**
 * The change feed: polls the tenant logs (one replica at a time), takes Log Streams and Event Streams
 * deliveries, and turns every entry into evictions of exactly what it touches, then an invalidation on the
 * bus and to the other replicas (docs/design.md#answers-kept-until-they-change).
 */
export function createChangeFeed(options: ChangeFeedOptions): ChangeFeed {
  const { auth0, settings, evict, bus, coordination, logger, metrics } = options;
  const now = options.now ?? Date.now;
  const { intervalMs, maxStalenessMs } = settings;
  let mode: 'auto' | 'logs' | 'off' = settings.mode;
  let state: TrackerState = initialTrackerState;
  let role: FeedRole | undefined;
  let failureReported = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const seen = new LRUCache<string, true>({ max: SEEN_IDS });

  coordination.onRemote((invalidation) => {
    evict(invalidation).then(
      () => bus.publish(invalidation),
      (error: unknown) => logger.warn({ err: describe(error) }, 'could not apply an invalidation from another replica'),
    );
  });

  async function apply(invalidation: Invalidation): Promise<void> {
    await evict(invalidation);
    bus.publish(invalidation);
    metrics?.invalidation(invalidation.cause, invalidation.keys.length);
    await coordination.broadcast(invalidation);
  }

  async function flush(reason: FlushReason | 'unparsed'): Promise<void> {
    metrics?.flush(reason);
    logger.info({ reason }, 'change feed flushed every cache: it cannot vouch for what changed');
    await apply({ keys: [EVERYTHING], cause: 'gap' });
  }

  /** One invalidation per cause, each naming every key its entries touched (a `*` alone stands for all). */
  async function applyAll(changes: readonly Invalidation[]): Promise<void> {
    const byCause = new Map<string, Set<ResourceKey>>();
    for (const { keys, cause } of changes) {
      if (keys.length === 0) continue;
      const set = byCause.get(cause) ?? new Set<ResourceKey>();
      for (const key of keys) set.add(key);
      byCause.set(cause, set);
    }
    for (const [cause, keys] of byCause) await apply({ keys: keys.has(EVERYTHING) ? [EVERYTHING] : [...keys], cause });
  }

  function firstSeen(id: string): boolean {
    if (seen.has(id)) return false;
    seen.set(id, true);
    return true;
  }

  async function applyEntries(entries: readonly LogEntry[], source: 'poll' | 'log-stream'): Promise<number> {
    const fresh = entries.filter((entry) => firstSeen(`log:${entry.id}`));
    for (const entry of fresh) metrics?.entry(kindLabel(entry.type), source);
    await applyAll(fresh.map(keysOfLogEntry));
    return fresh.length;
  }

  /** Unparsed items cannot be placed: everything goes, once per delivery. */
  async function unparsed(count: number): Promise<void> {
    if (count === 0) return;
    metrics?.flush('unparsed');
    await apply({ keys: [EVERYTHING], cause: 'unparsed' });
  }

  async function readPage(): Promise<PollOutcome | 'forbidden'> {
    const anchored = state.checkpoint === undefined;
    const query = anchored ? { take: TAKE } : { from: state.checkpoint, take: TAKE };
    const timeoutMs = Math.max(intervalMs, 10_000);
    let body: unknown;
    try {
      body = await auth0.get({ path: '/logs', query, background: true, signal: AbortSignal.timeout(timeoutMs), deadline: Date.now() + timeoutMs });
    } catch (error) {
      if (isAuth0Error(error, 'AUTH0_FORBIDDEN') && mode === 'auto' && state.lastSuccessAt === undefined) return 'forbidden';
      // Auth0 answers 400 or 404 for a checkpoint it no longer has (docs/auth0-api.md#how-a-tenant-reports-changes).
      if (!anchored && (isAuth0Error(error, 'AUTH0_BAD_REQUEST') || isAuth0Error(error, 'AUTH0_NOT_FOUND'))) return { kind: 'checkpoint-lost' };
      if (!failureReported) {
        failureReported = true;
        logger.warn({ err: describe(error) }, 'change feed poll failed; answers live by AUTH0_GRAPH_CACHE_TTL until it recovers');
      }
      return { kind: 'failed' };
    }
    failureReported = false;
    const page = logPageSchema.safeParse(body);
    if (!page.success) return { kind: 'failed' };
    const entries: LogEntry[] = [];
    let bad = 0;
    for (const item of page.data) {
      const entry = logEntrySchema.safeParse(item);
      if (entry.success) entries.push(entry.data);
      else bad += 1;
    }
    await unparsed(bad);
    return { kind: 'page', entries, anchored };
  }

  async function pollOnce(): Promise<void> {
    if (mode === 'off') return;
    const leading = await coordination.lead();
    role = leading ? 'poller' : 'follower';
    state = await coordination.load();
    if (!leading) return;
    for (let page = 0; page < MAX_PAGES_PER_ROUND; page += 1) {
      const outcome = await readPage();
      if (outcome === 'forbidden') {
        turnOff();
        return;
      }
      metrics?.poll(outcome.kind === 'page' ? 'ok' : outcome.kind);
      if (mode === 'auto') mode = 'logs';
      const step = trackPoll(state, outcome, now(), maxStalenessMs);
      state = step.state;
      if (step.flush !== undefined) await flush(step.flush);
      await applyEntries(step.apply, 'poll');
      if (step.state.lagMs !== undefined && step.apply.length > 0) metrics?.lag(step.state.lagMs);
      // Saved after the entries are applied: a poller that dies in between reads them again (at least once).
      await coordination.save(state);
      if (!step.more) return;
    }
  }

  function turnOff(): void {
    mode = 'off';
    if (timer !== undefined) clearTimeout(timer);
    logger.info(
      { setting: 'AUTH0_GRAPH_FEED' },
      'change feed off: the token may not read the tenant logs (read:logs). With it, cached answers would be kept until the tenant changes them (up to AUTH0_GRAPH_MAX_STALENESS) instead of AUTH0_GRAPH_CACHE_TTL, for one call per AUTH0_GRAPH_FEED_INTERVAL',
    );
  }

  function schedule(): void {
    if (closed || mode === 'off') return;
    timer = setTimeout(() => {
      pollOnce().then(schedule, (error: unknown) => {
        logger.warn({ err: describe(error) }, 'change feed round failed');
        schedule();
      });
    }, intervalMs);
    timer.unref();
  }

  return {
    pollOnce,
    async receiveLogStream(items) {
      const entries: LogEntry[] = [];
      let bad = 0;
      for (const item of items) {
        const parsed = logEntrySchema.safeParse(logStreamItemSchema.safeParse(item).data);
        if (parsed.success) entries.push(parsed.data);
        else bad += 1;
      }
      await unparsed(bad);
      return (await applyEntries(entries, 'log-stream')) + bad;
    },
    async receiveEvents(items) {
      const changes: Invalidation[] = [];
      let bad = 0;
      for (const item of items) {
        const event = cloudEventSchema.safeParse(item);
        if (!event.success) {
          bad += 1;
          continue;
        }
        if (!firstSeen(`evt:${event.data.id}`)) continue;
        metrics?.entry('event', 'events');
        changes.push(keysOfEvent(event.data));
      }
      await unparsed(bad);
      await applyAll(changes);
      return changes.length + bad;
    },
    healthy: () => mode !== 'off' && feedHealthy(state, now(), maxStalenessMs),
    status() {
      if (mode === 'off') return { mode: 'off', state: 'off' };
      const at = now();
      const lastPollSecondsAgo = state.lastSuccessAt === undefined ? undefined : Math.round((at - state.lastSuccessAt) / 1000);
      const lagSeconds = state.lagMs === undefined ? undefined : Math.round(state.lagMs / 1000);
      const current = state.lastSuccessAt === undefined ? 'starting' : feedHealthy(state, at, maxStalenessMs) && state.failingSince === undefined ? 'healthy' : 'failing';
      return { mode: 'logs', state: current, role, lagSeconds, lastPollSecondsAgo };
    },
    ready: () => coordination.ready(),
    start() {
      if (mode === 'off') return;
      // The first round as soon as the replicas can agree who polls: until it answers, answers live by the TTL.
      coordination.ready().then(pollOnce).then(schedule, (error: unknown) => {
        logger.warn({ err: describe(error) }, 'change feed round failed');
        schedule();
      });
    },
    async close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      await coordination.close();
    },
  };
}

function describe(error: unknown): { readonly name?: string; readonly message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
}
