import type { ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import { deepFreeze } from './deep-freeze.ts';

export interface DocumentResponseCacheOptions {
  /**
   * How long a whole answer is served again (AUTH0_GRAPH_CACHE_TTL): the same lifetime as the upstream cache
   * whose answers it is made of, so it is never staler than executing the query would be. 0 disables it.
   */
  ttlMs: number;
  /** Upper bound of the bytes held (key plus answer JSON, measured once at insert). @default 32 MiB */
  maxBytes?: number;
  /** Monotonic clock in milliseconds; tests pass a fake one. @default performance.now */
  now?: () => number;
}

/** What makes two requests the same question: every caller of one server sees the same tenant data. */
export interface DocumentRequest {
  /** The document as printed, so formatting differences only cost a miss. */
  readonly document: string;
  readonly operationName: string | null | undefined;
  readonly variables: unknown;
  /** Debug answers carry a cost report and are kept apart. */
  readonly debug: boolean;
}

/**
 * Whole GraphQL answers by request. Executing a fully cached 100-member roster still costs graphql-js a
 * walk of every field; serving the answer it produced a moment ago costs a lookup. Only answers without
 * errors are kept, and they are frozen because many requests share them.
 */
export interface DocumentResponseCache {
  readonly enabled: boolean;
  get(request: DocumentRequest): ExecutionResult | undefined;
  set(request: DocumentRequest, result: ExecutionResult): void;
  stats(): { readonly entries: number; readonly bytes: number };
}

export function createDocumentResponseCache(options: DocumentResponseCacheOptions): DocumentResponseCache {
  const { ttlMs, maxBytes = 32 * 2 ** 20, now = () => performance.now() } = options;
  if (ttlMs <= 0) {
    return { enabled: false, get: () => undefined, set: () => undefined, stats: () => ({ entries: 0, bytes: 0 }) };
  }
  const entries = new LRUCache<string, ExecutionResult>({ maxSize: maxBytes, ttl: ttlMs, ttlResolution: 0, perf: { now } });
  return {
    enabled: true,
    get: (request) => entries.get(keyOf(request)),
    set(request, result) {
      if (result.errors !== undefined && result.errors.length > 0) return;
      const key = keyOf(request);
      const json = JSON.stringify(result);
      const size = key.length + json.length;
      if (size > maxBytes) return;
      // Yoga serializes a result with its own `stringify` when it has one: a hit is then sent as the bytes
      // measured here instead of walked again. Not enumerable, so a copy (the debug report's) serializes anew.
      Object.defineProperty(result, 'stringify', { value: () => json, enumerable: false });
      entries.set(key, deepFreeze(result), { size });
    },
    stats: () => ({ entries: entries.size, bytes: entries.calculatedSize }),
  };
}

function keyOf(request: DocumentRequest): string {
  return JSON.stringify([request.debug, request.operationName ?? null, request.variables ?? null, request.document]);
}
