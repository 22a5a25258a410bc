import type { LogEvent } from '../logs/log-entry.ts';
import type { LogStore } from '../logs/log-store.ts';
import type { SecretsMode } from '../options.ts';
import type { TenantChange } from '../tenant-changes.ts';
import type { TenantStore } from '../tenant-store.ts';
import type { JsonValue } from '../tenant.ts';
import type { PagingContext } from './paging.ts';

/** What a handler gets: the matched route's decoded params, the query, the caller's scopes and a write's body. */
export interface ApiContext extends PagingContext {
  readonly store: TenantStore;
  readonly logs: LogStore;
  readonly params: Readonly<Record<string, string>>;
  readonly scopes: ReadonlySet<string>;
  /** The application whose token made the call. */
  readonly clientId: string;
  readonly secrets: SecretsMode;
  /** The search-timeout fault is on. */
  readonly searchTimeout: boolean;
  /** The parsed JSON body of a write; `undefined` for reads and empty bodies. */
  readonly body: unknown;
  /** When a record written now becomes visible to the eventually consistent reads. */
  readonly visibleAtMs: number;
  /** Reports what a write changed, for Event Streams; only a write that succeeds has its changes delivered. */
  changed(change: TenantChange): void;
  /** A log entry a write leaves besides its `sapi`, written after it (as recorded) and only if the write succeeds. */
  alsoLog(event: LogEvent): void;
}

export type WriteMethod = 'POST' | 'PATCH' | 'DELETE';

/**
 * Which tokens may call: one holding any of `anyOf`, or one holding every scope of `allOf` (OAS "expected all
 * of"); `orAnyOf` names scopes that also pass on their own beside an `allOf` set.
 */
export type ScopeRule =
  | { readonly anyOf: readonly string[] }
  | { readonly allOf: readonly string[]; readonly orAnyOf?: readonly string[] };

export interface RouteSpec {
  /** e.g. `/organizations/{id}/members`; `{name}` segments match one percent-decoded path segment. */
  readonly template: string;
  /** @default 'GET' */
  readonly method?: 'GET' | WriteMethod;
  /** The status of a success. @default 200 */
  readonly status?: 200 | 201 | 204;
  /** A write's description in its `sapi` log entry, Auth0's wording for the operation (e.g. `Create a User`). */
  readonly operation?: string;
  readonly scopes: ScopeRule;
  /** A further rule some queries add (`fields=roles` on members); checked with `scopes`, before any lookup. */
  readonly queryScopes?: (query: URLSearchParams) => ScopeRule | undefined;
  /** The answer; a 204's is not sent. */
  handle(ctx: ApiContext): JsonValue;
}

export function param(ctx: ApiContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) throw new Error(`route has no {${name}} parameter`);
  return value;
}
