import { LRUCache } from 'lru-cache';
import { Auth0Error, isAuth0Error } from '../auth0/errors.ts';
import type { Auth0ErrorCode } from '../auth0/errors.ts';
import { entryBytes } from './cache-budget.ts';
import { deepFreeze } from './deep-freeze.ts';
import { touches } from './invalidation.ts';
import type { ResourceKey } from './invalidation.ts';
import { createSingleFlight } from './single-flight.ts';
import type { CachedBody, CacheOutcome, CacheStats, CacheTier } from './types.ts';

export interface ResponseCacheOptions {
  /**
   * How long a response is served without asking Auth0 again (AUTH0_GRAPH_CACHE_TTL).
   * 0 stores nothing and serves nothing stale, but concurrent identical calls still share one
   * upstream call: their answers would be equally fresh, so sharing costs no correctness.
   */
  ttlMs: number;
  /**
   * Upper bound of the bytes held: each entry counts its key, its body's JSON length and a fixed
   * overhead (`entryBytes`), measured once at insert. An entry larger than the whole bound is not stored. Its
   * share of AUTH0_GRAPH_CACHE_MAX_MB (splitCacheBudget).
   */
  maxBytes: number;
  /** Upper bound of the entries held, whatever their size. @default 100_000 */
  maxEntries?: number;
  /**
   * How long past expiry an entry may still be served when Auth0 is rate-limiting, failing or too
   * slow for the caller's deadline. The entry is kept that long but never served as fresh.
   * @default 5 minutes
   */
  staleWindowMs?: number;
  /** The tenant domain: the namespace of every key. */
  tenant: string;
  /** Monotonic clock in milliseconds; tests pass a fake one. @default performance.now */
  now?: () => number;
  /** A second tier shared between replicas (see `createRedisTier`), consulted on a local miss. */
  tier?: CacheTier;
  /**
   * How long an entry that names the resources it holds stays fresh, asked at each fill: the change feed's
   * staleness bound while it is healthy, else `ttlMs` (docs/design.md#answers-kept-until-they-change). An
   * entry naming none always lives `ttlMs`: no change would ever evict it. @default () => ttlMs
   */
  taggedTtlMs?: () => number;
}

/** One upstream fetch, shared by every concurrent caller of its key; resolves with the parsed body. */
export type CacheLoader = (signal: AbortSignal) => Promise<unknown>;

export interface CacheFetchOptions {
  /** The caller's deadline. Aborting it detaches this caller only; it gets stale data or AUTH0_TIMEOUT. */
  readonly signal?: AbortSignal;
  /** Route template named in the errors the cache itself raises (a cached 404, a passed deadline). */
  readonly route?: string;
  /** Told exactly once per fetch how it was answered. */
  readonly onOutcome?: (outcome: CacheOutcome) => void;
  /**
   * The resources the answer holds (resource-tags.ts): asked without a body when the call starts, with the
   * body when it is stored. `invalidate` evicts by them.
   */
  readonly tags?: (body?: unknown) => readonly ResourceKey[];
}

export interface ResponseCache {
  readonly tenant: string;
  /**
   * The body cached under `key`, or the result of `load`, run once for all concurrent callers of
   * `key`. The body is deeply frozen. Rejects with an `Auth0Error`; a cached 404 rejects with a
   * fresh AUTH0_NOT_FOUND each time.
   */
  fetch(key: string, load: CacheLoader, options?: CacheFetchOptions): Promise<unknown>;
  /** Counters since creation, plus what is held right now. */
  stats(): CacheStats;
  /** Drops every entry (counters and calls in flight are kept). */
  clear(): void;
  /**
   * Evicts every entry, here and in the tier, holding a resource a change touched (`touches`), and keeps
   * calls in flight from storing what they read before it: their answers go to the callers already waiting,
   * and a later caller starts a fresh call. Resolves once the tier has evicted too.
   */
  invalidate(keys: readonly ResourceKey[]): Promise<void>;
  /** Closes the tier, if any. */
  close(): Promise<void>;
}

interface Entry {
  readonly body: CachedBody;
  readonly freshUntil: number;
  readonly staleUntil: number;
  readonly tags: readonly ResourceKey[];
}

/** Invalidations remembered for calls in flight; a call older than all of them stores nothing. */
const REMEMBERED_INVALIDATIONS = 1_000;

const touchedBy = (keys: readonly ResourceKey[], tags: readonly ResourceKey[]): boolean =>
  keys.some((key) => tags.some((tag) => touches(key, tag)));

/** What one shared fill produced, and whether Redis (not Auth0) supplied it. */
interface Filled {
  readonly entry: Entry;
  readonly fromTier: boolean;
}

/** Failures a joiner may owe to the deadline of the caller that started the shared call. */
const isInherited = (error: unknown): boolean =>
  isAuth0Error(error, 'AUTH0_TIMEOUT') || isAuth0Error(error, 'AUTH0_RATE_LIMITED');

/** Upstream failures after which a stale entry is better than an error (docs/design.md#never-over-the-rate-limit). */
const STALE_IF: ReadonlySet<Auth0ErrorCode> = new Set(['AUTH0_RATE_LIMITED', 'AUTH0_UPSTREAM', 'AUTH0_UNAVAILABLE', 'AUTH0_TIMEOUT']);


export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const {
    ttlMs,
    maxBytes,
    maxEntries = 100_000,
    staleWindowMs = 5 * 60_000,
    tenant,
    now = () => performance.now(),
    tier,
  } = options;
  const taggedTtlMs = options.taggedTtlMs ?? (() => ttlMs);
  if (!Number.isInteger(ttlMs) || ttlMs < 0) throw new RangeError(`ttlMs must be a whole number ≥ 0, got ${ttlMs}`);
  if (!Number.isInteger(staleWindowMs) || staleWindowMs < 0) {
    throw new RangeError(`staleWindowMs must be a whole number ≥ 0, got ${staleWindowMs}`);
  }
  const enabled = ttlMs > 0;
  // lru-cache's own ttl only frees memory (entries outlive freshness by the stale window);
  // freshness is decided here against `now`, which is why its time check is not coarsened.
  const entries = new LRUCache<string, Entry>({
    max: maxEntries,
    maxSize: maxBytes,
    ttl: ttlMs + staleWindowMs || 1,
    ttlResolution: 0,
    perf: { now },
  });
  const flights = createSingleFlight<Filled>();
  const counts = { hits: 0, misses: 0, stale: 0, shared: 0 };
  /** The path's tags of each call in flight, so an invalidation can stop later callers from joining it. */
  const flying = new Map<string, readonly ResourceKey[]>();
  let invalidations = 0;
  const remembered: { readonly number: number; readonly keys: readonly ResourceKey[] }[] = [];

  function invalidatedSince(startedAfter: number, tags: readonly ResourceKey[]): boolean {
    if (startedAfter === invalidations) return false;
    const oldest = remembered[0]?.number ?? invalidations + 1;
    if (startedAfter < oldest - 1) return true;
    return remembered.some(({ number, keys }) => number > startedAfter && touchedBy(keys, tags));
  }

  function admit(key: string, body: CachedBody, freshForMs: number, tags: readonly ResourceKey[], store = true): Entry {
    const at = now();
    const entry: Entry = { body, freshUntil: at + freshForMs, staleUntil: at + freshForMs + staleWindowMs, tags };
    if (enabled && store) {
      const size = entryBytes(key, JSON.stringify(body) ?? '');
      if (size <= maxBytes) entries.set(key, entry, { ttl: freshForMs + staleWindowMs, size });
    }
    return entry;
  }

  async function fill(key: string, load: CacheLoader, signal: AbortSignal, tagsOf: CacheFetchOptions['tags']): Promise<Filled> {
    const startedAfter = invalidations;
    const pathTags = tagsOf?.() ?? [];
    flying.set(key, pathTags);
    try {
      if (enabled && tier !== undefined) {
        const remote = await tier.get(key);
        if (remote !== undefined) {
          const { body, tags } = remote;
          const frozen: CachedBody = body.kind === 'value' ? { kind: 'value', value: deepFreeze(body.value) } : body;
          return { entry: admit(key, frozen, remote.ttlMs, tags, !invalidatedSince(startedAfter, tags)), fromTier: true };
        }
      }
      let body: CachedBody;
      try {
        body = { kind: 'value', value: deepFreeze(await load(signal)) };
      } catch (error) {
        if (!isAuth0Error(error, 'AUTH0_NOT_FOUND')) throw error;
        body = { kind: 'not-found', message: error.message, auth0Code: error.auth0Code };
      }
      const tags = tagsOf?.(body.kind === 'value' ? body.value : undefined) ?? [];
      // What was read before a change touched it answers the callers who asked before, and is not kept.
      const store = !invalidatedSince(startedAfter, tags);
      const freshForMs = tags.length === 0 ? ttlMs : taggedTtlMs();
      if (enabled && store) tier?.set(key, body, freshForMs, tags);
      return { entry: admit(key, body, freshForMs, tags, store), fromTier: false };
    } finally {
      // A forgotten call's successor may hold the key by now.
      if (flying.get(key) === pathTags) flying.delete(key);
    }
  }

  /** An entry still inside its stale window, whether or not it is fresh. */
  function usable(key: string): Entry | undefined {
    const entry = enabled ? entries.get(key) : undefined;
    return entry !== undefined && now() < entry.staleUntil ? entry : undefined;
  }

  function answer(entry: Entry, route: string | undefined): unknown {
    if (entry.body.kind === 'value') return entry.body.value;
    const { message, auth0Code } = entry.body;
    throw new Auth0Error('AUTH0_NOT_FOUND', message, { route, status: 404, auth0Code });
  }

  async function settle(
    key: string,
    load: CacheLoader,
    signal: AbortSignal | undefined,
    tagsOf: CacheFetchOptions['tags'],
  ): Promise<{ filled: Filled; joined: boolean } | { error: unknown; joined: boolean }> {
    const { joined, result } = flights.run(key, (taskSignal) => fill(key, load, taskSignal, tagsOf), signal);
    try {
      return { filled: await result, joined };
    } catch (error) {
      return { error, joined };
    }
  }

  /** The entry to serve instead of `error`, if the failure allows stale data and one is at hand. */
  function staleFor(key: string, error: unknown, signal: AbortSignal | undefined): Entry | undefined {
    const allowed = signal?.aborted === true || (isAuth0Error(error) && STALE_IF.has(error.code));
    return allowed ? usable(key) : undefined;
  }

  function report(outcome: CacheOutcome, fetchOptions: CacheFetchOptions): void {
    counts[outcome === 'hit' ? 'hits' : outcome === 'miss' ? 'misses' : outcome] += 1;
    fetchOptions.onOutcome?.(outcome);
  }

  return {
    tenant,

    async fetch(key, load, fetchOptions = {}) {
      const { signal, route, tags } = fetchOptions;
      const cached = usable(key);
      if (cached !== undefined && now() < cached.freshUntil) {
        report('hit', fetchOptions);
        return answer(cached, route);
      }
      let attempt = await settle(key, load, signal, tags);
      if ('error' in attempt && attempt.joined && isInherited(attempt.error) && signal?.aborted !== true) {
        // The shared call ran on its starter's deadline, which may have passed long before ours:
        // that failure is not ours, so run (or join) the call once more on our own deadline,
        // unless stale data can answer at once.
        if (staleFor(key, attempt.error, signal) === undefined) attempt = await settle(key, load, signal, tags);
      }
      if ('filled' in attempt) {
        report(attempt.joined ? 'shared' : attempt.filled.fromTier ? 'hit' : 'miss', fetchOptions);
        return answer(attempt.filled.entry, route);
      }
      const { error, joined } = attempt;
      const stale = staleFor(key, error, signal);
      if (stale !== undefined) {
        report(now() < stale.freshUntil ? 'hit' : 'stale', fetchOptions);
        return answer(stale, route);
      }
      report(joined ? 'shared' : 'miss', fetchOptions);
      if (signal?.aborted === true) {
        const message = 'The request deadline passed before Auth0 answered';
        throw new Auth0Error('AUTH0_TIMEOUT', message, { route, cause: error });
      }
      throw error;
    },

    stats() {
      return { ...counts, entries: entries.size, bytes: entries.calculatedSize };
    },

    clear() {
      entries.clear();
    },

    async invalidate(keys) {
      if (keys.length === 0) return;
      invalidations += 1;
      remembered.push({ number: invalidations, keys });
      if (remembered.length > REMEMBERED_INVALIDATIONS) remembered.shift();
      const evicted: string[] = [];
      for (const [key, entry] of entries.entries()) if (touchedBy(keys, entry.tags)) evicted.push(key);
      for (const key of evicted) entries.delete(key);
      for (const [key, tags] of flying) if (touchedBy(keys, tags)) flights.forget(key);
      await tier?.evict(keys);
    },

    async close() {
      await tier?.close();
    },
  };
}
