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
  onCall(call: UpstreamCall): void;
  onCache(event: CacheEvent): void;
  /** Calls that reached Auth0 so far. */
  calls(): number;
  entries(): readonly UpstreamEntry[];
}

/**
 * Collects what one GraphQL request cost upstream; created per request in the context. A class, so making one
 * costs an object and an array: most requests never report (no debug header), and a cached answer makes no call.
 */
class RequestUpstreamReport implements UpstreamReport {
  readonly #entries: UpstreamEntry[] = [];

  onCall(call: UpstreamCall): void {
    this.#entries.push({
      route: call.route,
      group: call.group,
      status: call.status,
      cached: false,
      waitMs: Math.round(call.waitMs),
      durationMs: Math.round(call.durationMs),
    });
  }

  onCache(event: CacheEvent): void {
    if (event.outcome === 'miss') return;
    this.#entries.push({ route: event.route, group: endpointGroupOf(event.route), status: 200, cached: event.outcome, waitMs: 0, durationMs: 0 });
  }

  calls(): number {
    return this.#entries.filter((entry) => entry.cached === false).length;
  }

  entries(): readonly UpstreamEntry[] {
    return this.#entries;
  }
}

export function createUpstreamReport(): UpstreamReport {
  return new RequestUpstreamReport();
}
