import { LRUCache } from 'lru-cache';
import { Auth0Error, isAuth0Error } from '../auth0/errors.ts';
import type { Auth0ErrorCode } from '../auth0/errors.ts';
import { deepFreeze } from './deep-freeze.ts';
import { createSingleFlight } from './single-flight.ts';
import type { CachedBody, CachedResponse, CacheOutcome, CacheStats, CacheTier } from './types.ts';

export interface ResponseCacheOptions {
  /**
   * How long a response is served without asking Auth0 again (AUTH0_GRAPH_CACHE_TTL).
   * 0 stores nothing and serves nothing stale, but concurrent identical calls still share one
   * upstream call: their answers would be equally fresh, so sharing costs no correctness.
   */
  ttlMs: number;
  /**
   * Upper bound of the bytes held: each entry counts its key plus its body's JSON length,
   * measured once at insert. An entry larger than the whole bound is not stored.
   * @default 64 MiB
   */
  maxBytes?: number;
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

/** One upstream fetch: its parsed body and the route template the client reported, if it did. */
export type CacheLoader = (
  signal: AbortSignal,
) => Promise<{ readonly value: unknown; readonly route: string | undefined }>;

export interface CacheFetchOptions {
  /** The caller's deadline. Aborting it detaches this caller only; it gets stale data or AUTH0_TIMEOUT. */
  readonly signal?: AbortSignal;
  /** Told exactly once per fetch how it was answered. */
  readonly onOutcome?: (outcome: CacheOutcome, route: string) => void;
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

interface Entry extends CachedResponse {
  readonly freshUntil: number;
  readonly staleUntil: number;
}

/** What one shared fill produced, and whether Redis (not Auth0) supplied it. */
interface Filled {
  readonly entry: Entry;
  readonly fromTier: boolean;
}

/** Upstream failures after which a stale entry is better than an error (DESIGN.md decision 3). */
const STALE_IF: ReadonlySet<Auth0ErrorCode> = new Set(['AUTH0_RATE_LIMITED', 'AUTH0_UPSTREAM', 'AUTH0_TIMEOUT']);

/** Route reported when neither the client nor its error named one. */
const UNKNOWN_ROUTE = '(unknown)';

const MIB = 1024 * 1024;

export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const {
    ttlMs,
    maxBytes = 64 * MIB,
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

  function admit(key: string, response: CachedResponse, freshForMs: number): Entry {
    const at = now();
    const entry: Entry = { ...response, freshUntil: at + freshForMs, staleUntil: at + freshForMs + staleWindowMs };
    if (enabled) {
      const size = Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(response.body) ?? '');
      if (size <= maxBytes) entries.set(key, entry, { ttl: freshForMs + staleWindowMs, size });
    }
    return entry;
  }

  async function fill(key: string, load: CacheLoader, signal: AbortSignal): Promise<Filled> {
    if (enabled && tier !== undefined) {
      const remote = await tier.get(key);
      if (remote !== undefined) {
        const body = remote.response.body;
        const frozen = body.kind === 'value' ? { kind: 'value' as const, value: deepFreeze(body.value) } : body;
        return { entry: admit(key, { body: frozen, route: remote.response.route }, remote.ttlMs), fromTier: true };
      }
    }
    let response: CachedResponse;
    try {
      const { value, route } = await load(signal);
      response = { body: { kind: 'value', value: deepFreeze(value) }, route: route ?? UNKNOWN_ROUTE };
    } catch (error) {
      if (!isAuth0Error(error, 'AUTH0_NOT_FOUND')) throw error;
      const body: CachedBody = { kind: 'not-found', message: error.message, auth0Code: error.auth0Code };
      response = { body, route: error.route ?? UNKNOWN_ROUTE };
    }
    if (enabled) tier?.set(key, response, ttlMs);
    return { entry: admit(key, response, ttlMs), fromTier: false };
  }

  /** An entry still inside its stale window, whether or not it is fresh. */
  function usable(key: string): Entry | undefined {
    const entry = enabled ? entries.get(key) : undefined;
    return entry !== undefined && now() < entry.staleUntil ? entry : undefined;
  }

  function answer(entry: Entry): unknown {
    if (entry.body.kind === 'value') return entry.body.value;
    throw new Auth0Error('AUTH0_NOT_FOUND', entry.body.message, {
      route: entry.route,
      status: 404,
      auth0Code: entry.body.auth0Code,
    });
  }

  function report(outcome: CacheOutcome, route: string, fetchOptions: CacheFetchOptions): void {
    counts[outcome === 'hit' ? 'hits' : outcome === 'miss' ? 'misses' : outcome] += 1;
    fetchOptions.onOutcome?.(outcome, route);
  }

  return {
    tenant,

    async fetch(key, load, fetchOptions = {}) {
      const { signal } = fetchOptions;
      const cached = usable(key);
      if (cached !== undefined && now() < cached.freshUntil) {
        report('hit', cached.route, fetchOptions);
        return answer(cached);
      }
      const { joined, result } = flights.run(key, (taskSignal) => fill(key, load, taskSignal), signal);
      let settled: Filled;
      try {
        settled = await result;
      } catch (error) {
        const deadlinePassed = signal?.aborted === true;
        const stale = deadlinePassed || (isAuth0Error(error) && STALE_IF.has(error.code)) ? usable(key) : undefined;
        if (stale !== undefined) {
          report(now() < stale.freshUntil ? 'hit' : 'stale', stale.route, fetchOptions);
          return answer(stale);
        }
        const route = isAuth0Error(error) ? (error.route ?? UNKNOWN_ROUTE) : UNKNOWN_ROUTE;
        report(joined ? 'shared' : 'miss', route, fetchOptions);
        if (deadlinePassed) {
          throw new Auth0Error('AUTH0_TIMEOUT', 'The request deadline passed before Auth0 answered', {
            route: isAuth0Error(error) ? error.route : undefined,
            cause: error,
          });
        }
        throw error;
      }
      report(joined ? 'shared' : settled.fromTier ? 'hit' : 'miss', settled.entry.route, fetchOptions);
      return answer(settled.entry);
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
