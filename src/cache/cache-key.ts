import type { Query } from '../auth0/types.ts';

/**
 * The cache key of one upstream GET: tenant, path and query, encoded as the wire would carry them.
 * Only the order of query keys is normalized, because that is the one thing provably irrelevant on
 * every endpoint; values (including `fields` lists and repeated keys) stay verbatim so two keys
 * are equal only when Auth0 would see the same request.
 */
export function cacheKey(tenant: string, path: string, query: Query = {}): string {
  const pairs: string[] = [];
  for (const name of Object.keys(query).sort()) {
    const value = query[name];
    if (value === undefined) continue;
    const encodedName = encodeURIComponent(name);
    // A readonly array is not narrowed by Array.isArray, so test for the scalar cases instead.
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      pairs.push(`${encodedName}=${encodeURIComponent(String(value))}`);
    } else {
      for (const item of value) pairs.push(`${encodedName}=${encodeURIComponent(item)}`);
    }
  }
  return `${tenant} GET ${path}${pairs.length === 0 ? '' : `?${pairs.join('&')}`}`;
}
