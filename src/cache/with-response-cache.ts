import { routeOf } from '../auth0/routes.ts';
import type { Auth0Client } from '../auth0/types.ts';
import { cacheKey } from './cache-key.ts';
import { resourceTags } from './resource-tags.ts';
import type { ResponseCache } from './response-cache.ts';

/**
 * The client seen by resolvers: the same `get()` contract, answered from `cache` when it can.
 * Every get reports one `onCache` event. `onCall` reaches only the caller whose get really went
 * upstream; callers that shared its call or were answered from cache saw no upstream cost.
 * The shared call carries the deadline (and the limiter's flow) of the caller that started it, so the rate limiter can still
 * refuse at once a wait that would outlast it; callers joining later accept that answer.
 * `close()` closes the wrapped client only: the cache may outlive it and is closed by its owner.
 */
export function withResponseCache(client: Auth0Client, cache: ResponseCache): Auth0Client {
  return {
    get(request) {
      const { path, query, signal, deadline, onCall, onCache, flow } = request;
      const route = routeOf(path);
      return cache.fetch(
        cacheKey(cache.tenant, path, query),
        // A starter without a signal makes the flight unbounded (its signal never aborts): the call then keeps
        // the timer the client arms at the starter's deadline.
        (sharedSignal) => client.get({ path, query, signal: signal === undefined ? undefined : sharedSignal, deadline, onCall, flow }),
        { signal, route, onOutcome: (outcome) => onCache?.({ route, outcome }), tags: (body) => resourceTags(path, query, body) },
      );
    },
    close: () => client.close(),
  };
}
