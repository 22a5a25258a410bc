import type { ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import { entryBytes } from '../cache/cache-budget.ts';
import { deepFreeze } from '../cache/deep-freeze.ts';

export interface DocumentResponseCacheOptions {
  /**
   * How long a whole answer is served again (AUTH0_GRAPH_CACHE_TTL): the same lifetime as the upstream cache
   * whose answers it is made of, so it is never staler than executing the query would be. 0 disables it.
   */
  ttlMs: number;
  /**
   * Upper bound of the bytes held (key, answer JSON and a fixed overhead: `entryBytes`; measured once at insert):
   * its share of AUTH0_GRAPH_CACHE_MAX_MB (splitCacheBudget).
   */
  maxBytes: number;
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
  /** Keeps `result` unless the cache was cleared since `epoch`, taken when its execution began. */
  set(request: DocumentRequest, result: ExecutionResult, epoch?: number): void;
  stats(): { readonly entries: number; readonly bytes: number };
  /** Counts the clears: an answer executed across one may hold what the clear was for. */
  epoch(): number;
  /**
   * Drops every answer. A change to the tenant clears them all: an answer does not say what it was read
   * from, and it lives only the plain TTL, so the cost is at most one re-execution per question.
   */
  clear(): void;
}

export function createDocumentResponseCache(options: DocumentResponseCacheOptions): DocumentResponseCache {
  const { ttlMs, maxBytes, now = () => performance.now() } = options;
  if (ttlMs <= 0) {
    return { enabled: false, get: () => undefined, set: () => undefined, stats: () => ({ entries: 0, bytes: 0 }), epoch: () => 0, clear: () => undefined };
  }
  const entries = new LRUCache<string, StoredAnswer>({ maxSize: maxBytes, ttl: ttlMs, ttlResolution: 0, perf: { now } });
  let clears = 0;
  return {
    enabled: true,
    epoch: () => clears,
    clear() {
      clears += 1;
      entries.clear();
    },
    get(request) {
      const stored = entries.get(keyOf(request));
      if (stored === undefined) return undefined;
      // Made on the first hit and kept: the answers served again and again allocate nothing per request.
      stored.answer ??= answerOf(stored);
      return stored.answer;
    },
    set(request, result, epoch) {
      if ((epoch !== undefined && epoch !== clears) || (result.errors !== undefined && result.errors.length > 0)) return;
      const key = keyOf(request);
      const json = JSON.stringify(result);
      const size = entryBytes(key, json);
      if (size > maxBytes) return;
      entries.set(key, { json, fields: fieldsOf(result) }, { size });
    },
    stats: () => ({ entries: entries.size, bytes: entries.calculatedSize }),
  };
}

/**
 * What a hit hands back: the answer's JSON, sent as is through yoga's `stringify` hook, behind the fields of
 * the answer as it was. Only the JSON is held: graphql-js builds results from prototype-less objects, which
 * V8 keeps as dictionaries, and holding that tree cost several times its JSON. It is parsed again (once,
 * frozen) only if a field is read, which the serving path never does.
 */
function answerOf({ json, fields }: Pick<StoredAnswer, 'json' | 'fields'>): ExecutionResult {
  let parsed: Record<string, unknown> | undefined;
  const whole = () => (parsed ??= deepFreeze(JSON.parse(json) as Record<string, unknown>));
  const answer: Record<string, unknown> = {};
  for (const field of fields) Object.defineProperty(answer, field, { enumerable: true, get: () => whole()[field] });
  // Not enumerable, so a copy (the debug report's) serializes anew.
  Object.defineProperty(answer, 'stringify', { value: () => json });
  return Object.freeze(answer);
}

interface StoredAnswer {
  readonly json: string;
  readonly fields: readonly string[];
  answer?: ExecutionResult;
}

/** The answer's own fields; almost always `data` alone, which every entry then shares. */
function fieldsOf(result: ExecutionResult): readonly string[] {
  const fields = Object.keys(result);
  return fields.length === 1 && fields[0] === 'data' ? DATA_ONLY : fields;
}

const DATA_ONLY: readonly string[] = ['data'];

function keyOf(request: DocumentRequest): string {
  return JSON.stringify([request.debug, request.operationName ?? null, request.variables ?? null, request.document]);
}
