import { endpointGroupOf } from '../auth0/routes.ts';
import type { CacheEvent, EndpointGroup, UpstreamCall } from '../auth0/types.ts';

/** One line of the `extensions.upstream` cost report: a call to Auth0, or one the shared cache answered. */
export interface UpstreamEntry {
  readonly route: string;
  readonly group: EndpointGroup;
  /** HTTP status; 200 for a cache answer. */
  readonly status: number;
  /** `false` when Auth0 was called; otherwise how the cache answered (`hit`, `stale`, `shared`). */
  readonly cached: false | 'hit' | 'stale' | 'shared';
  readonly waitMs: number;
  readonly durationMs: number;
}

export interface UpstreamReport {
  readonly onCall: (call: UpstreamCall) => void;
  readonly onCache: (event: CacheEvent) => void;
  /** Calls that reached Auth0 so far. */
  calls(): number;
  entries(): readonly UpstreamEntry[];
}

/** Collects what one GraphQL request cost upstream; created per request in the context. */
export function createUpstreamReport(): UpstreamReport {
  const entries: UpstreamEntry[] = [];
  return {
    onCall: (call) =>
      entries.push({
        route: call.route,
        group: call.group,
        status: call.status,
        cached: false,
        waitMs: Math.round(call.waitMs),
        durationMs: Math.round(call.durationMs),
      }),
    onCache: (event) => {
      if (event.outcome === 'miss') return;
      entries.push({ route: event.route, group: endpointGroupOf(event.route), status: 200, cached: event.outcome, waitMs: 0, durationMs: 0 });
    },
    calls: () => entries.filter((entry) => entry.cached === false).length,
    entries: () => entries,
  };
}
