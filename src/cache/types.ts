/** Shapes shared by the response cache, its wrapping client and its optional Redis tier. */

import type { CacheEvent } from '../auth0/types.ts';
import type { ResourceKey } from './invalidation.ts';

export type CacheOutcome = CacheEvent['outcome'];

/** What a cache entry remembers: a response body, or that Auth0 answered 404 (a negative entry). */
export type CachedBody =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'not-found'; readonly message: string; readonly auth0Code: string | undefined };

/** A second cache tier shared between replicas. It must never throw: a failing tier is a miss. */
export interface CacheTier {
  /** The stored body, how long it stays fresh and the resources it holds, or undefined on a miss or tier failure. */
  get(key: string): Promise<{ readonly body: CachedBody; readonly ttlMs: number; readonly tags: readonly ResourceKey[] } | undefined>;
  /** Fire and forget: the request that filled the entry never waits for the tier. */
  set(key: string, body: CachedBody, ttlMs: number, tags: readonly ResourceKey[]): void;
  /** Deletes every entry holding a resource `touches` says a change reached; a failing tier evicts nothing. */
  evict(keys: readonly ResourceKey[]): Promise<void>;
  close(): Promise<void>;
}

export interface CacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly stale: number;
  readonly shared: number;
  readonly entries: number;
  readonly bytes: number;
}
