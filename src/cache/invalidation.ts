/**
 * What a change to the tenant touches, named once for every consumer of the change feed: the upstream
 * cache evicts by it, and live queries re-run when something they read is named (docs/design.md#live-and-stateless).
 *
 * A resource key is one of:
 * - `Type:<auth0 id>`, e.g. `Organization:org_1`, `User:auth0|42`, `Role:rol_7`: that one record and
 *   everything read through it (an organization's members, their roles and its member count; a user's
 *   profile, organizations, roles and permissions; a role's users and permissions).
 * - `Type`, e.g. `Organization`: the listings and searches of that type, whose membership or order a
 *   create, delete or rename can change.
 * - `Type:*`: every record of that type and its listings, for a change that is known to touch the
 *   family but not which record.
 * - `*`: everything, for a gap in the feed.
 */
export type ResourceType = 'User' | 'Organization' | 'Role' | 'Client' | 'Connection' | 'Stats';

/** `Stats` has no records: its listing key stands for the tenant's login and signup statistics. */
export const RESOURCE_TYPES: readonly ResourceType[] = ['User', 'Organization', 'Role', 'Client', 'Connection', 'Stats'];

export type ResourceKey = string;

export const EVERYTHING: ResourceKey = '*';

export const recordKey = (type: ResourceType, id: string): ResourceKey => `${type}:${id}`;
export const listingKey = (type: ResourceType): ResourceKey => type;
export const familyKey = (type: ResourceType): ResourceKey => `${type}:*`;

/** One batch of changes: the keys it invalidates, and why (for logs and metrics, never ids). */
export interface Invalidation {
  readonly keys: readonly ResourceKey[];
  /** What caused it, e.g. `sapi`, `s`, `event`, `gap`, `unparsed`. */
  readonly cause: string;
}

/** Whether something that read `read` must be thrown away when `invalidated` is announced. */
export function touches(invalidated: ResourceKey, read: ResourceKey): boolean {
  if (invalidated === EVERYTHING || invalidated === read) return true;
  if (invalidated.endsWith(':*')) {
    const type = invalidated.slice(0, -2);
    return read === type || read.startsWith(`${type}:`);
  }
  return false;
}

export type InvalidationListener = (invalidation: Invalidation) => void;

/**
 * The in-process fan-out of invalidations. The feed publishes; caches and live queries subscribe.
 * With replicas, whoever bridges it to Redis publishes what arrives from the other replicas here too.
 */
export interface InvalidationBus {
  publish(invalidation: Invalidation): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: InvalidationListener): () => void;
}

export function createInvalidationBus(): InvalidationBus {
  const listeners = new Set<InvalidationListener>();
  return {
    publish(invalidation) {
      if (invalidation.keys.length === 0) return;
      // A copy, so a listener that unsubscribes while being told does not skip its neighbour.
      for (const listener of [...listeners]) listener(invalidation);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
