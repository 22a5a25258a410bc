import { LRUCache } from 'lru-cache';
import { Auth0Error, isAuth0Error } from '../auth0/errors.ts';
import type { Auth0ErrorCode } from '../auth0/errors.ts';
import { entryBytes } from './cache-budget.ts';
import { deepFreeze } from './deep-freeze.ts';
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
  /** Closes the tier, if any. */
  close(): Promise<void>;
}

interface Entry {
  readonly body: CachedBody;
  readonly freshUntil: number;
  readonly staleUntil: number;
}

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

  function admit(key: string, body: CachedBody, freshForMs: number): Entry {
    const at = now();
    const entry: Entry = { body, freshUntil: at + freshForMs, staleUntil: at + freshForMs + staleWindowMs };
    if (enabled) {
      const size = entryBytes(key, JSON.stringify(body) ?? '');
      if (size <= maxBytes) entries.set(key, entry, { ttl: freshForMs + staleWindowMs, size });
    }
    return entry;
  }

  async function fill(key: string, load: CacheLoader, signal: AbortSignal): Promise<Filled> {
    if (enabled && tier !== undefined) {
      const remote = await tier.get(key);
      if (remote !== undefined) {
        const { body } = remote;
        const frozen: CachedBody = body.kind === 'value' ? { kind: 'value', value: deepFreeze(body.value) } : body;
        return { entry: admit(key, frozen, remote.ttlMs), fromTier: true };
      }
    }
    let body: CachedBody;
    try {
      body = { kind: 'value', value: deepFreeze(await load(signal)) };
    } catch (error) {
      if (!isAuth0Error(error, 'AUTH0_NOT_FOUND')) throw error;
      body = { kind: 'not-found', message: error.message, auth0Code: error.auth0Code };
    }
    if (enabled) tier?.set(key, body, ttlMs);
    return { entry: admit(key, body, ttlMs), fromTier: false };
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
  ): Promise<{ filled: Filled; joined: boolean } | { error: unknown; joined: boolean }> {
    const { joined, result } = flights.run(key, (taskSignal) => fill(key, load, taskSignal), signal);
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
      const { signal, route } = fetchOptions;
      const cached = usable(key);
      if (cached !== undefined && now() < cached.freshUntil) {
        report('hit', fetchOptions);
        return answer(cached, route);
      }
      let attempt = await settle(key, load, signal);
      if ('error' in attempt && attempt.joined && isInherited(attempt.error) && signal?.aborted !== true) {
        // The shared call ran on its starter's deadline, which may have passed long before ours:
        // that failure is not ours, so run (or join) the call once more on our own deadline,
        // unless stale data can answer at once.
        if (staleFor(key, attempt.error, signal) === undefined) attempt = await settle(key, load, signal);
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

    async close() {
      await tier?.close();
    },
  };
}
