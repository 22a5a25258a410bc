import type { Auth0Client, UpstreamCall } from '../auth0/types.ts';
import { cacheKey } from './cache-key.ts';
import type { ResponseCache } from './response-cache.ts';

/**
 * The client seen by resolvers: the same `get()` contract, answered from `cache` when it can.
 * Every get reports one `onCache` event. `onCall` reaches only the caller whose get really went
 * upstream; callers that shared its call or were answered from cache saw no upstream cost.
 * `close()` closes the wrapped client only: the cache may outlive it and is closed by its owner.
 */
export function withResponseCache(client: Auth0Client, cache: ResponseCache): Auth0Client {
  return {
    get(request) {
      const { path, query, signal, onCall, onCache } = request;
      return cache.fetch(
        cacheKey(cache.tenant, path, query),
        async (sharedSignal) => {
          let route: string | undefined;
          const value = await client.get({
            path,
            query,
            signal: sharedSignal,
            onCall: (call: UpstreamCall) => {
              route = call.route;
              onCall?.(call);
            },
          });
          return { value, route };
        },
        { signal, onOutcome: (outcome, route) => onCache?.({ route, outcome }) },
      );
    },
    close: () => client.close(),
  };
}
