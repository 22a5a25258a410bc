import type { LogStore } from '../logs/log-store.ts';
import type { SecretsMode } from '../options.ts';
import type { TenantStore } from '../tenant-store.ts';
import type { JsonValue } from '../tenant.ts';
import type { PagingContext } from './paging.ts';

/** What a read handler gets: the matched route's decoded params, the query and the caller's scopes. */
export interface ApiContext extends PagingContext {
  readonly store: TenantStore;
  readonly logs: LogStore;
  readonly params: Readonly<Record<string, string>>;
  readonly scopes: ReadonlySet<string>;
  readonly secrets: SecretsMode;
  /** The search-timeout fault is on. */
  readonly searchTimeout: boolean;
}

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
  readonly scopes: ScopeRule;
  /** A further rule some queries add (`fields=roles` on members); checked with `scopes`, before any lookup. */
  readonly queryScopes?: (query: URLSearchParams) => ScopeRule | undefined;
  handle(ctx: ApiContext): JsonValue;
}

export function param(ctx: ApiContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) throw new Error(`route has no {${name}} parameter`);
  return value;
}
