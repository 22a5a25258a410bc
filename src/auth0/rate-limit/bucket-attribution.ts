/** Which local bucket a response's `x-ratelimit-*` headers should correct. */
export type Attribution = 'lane' | 'global' | 'learn-lane' | 'none';

/**
 * Auth0 does not say which bucket answered (docs/auth0-api.md#buckets-and-headers), so this goes by size. Pure. A lane with its own
 * bucket wins when the reported size is nearer to it; the global bucket when the size is exactly the global one;
 * anything else is a route or endpoint limit the configuration does not know, learned for that lane alone so one
 * route's limit cannot slow every lane.
 */
export function attributeHeaders(limit: number | undefined, laneBurst: number | undefined, globalBurst: number | undefined): Attribution {
  if (limit === undefined || limit < 1) return laneBurst !== undefined ? 'lane' : globalBurst !== undefined ? 'global' : 'none';
  if (laneBurst !== undefined) {
    if (globalBurst === undefined) return 'lane';
    return Math.abs(globalBurst - limit) < Math.abs(laneBurst - limit) ? 'global' : 'lane';
  }
  return globalBurst === limit ? 'global' : 'learn-lane';
}

/** "Global limit has been reached" is how Auth0 words a 429 from the API-wide bucket (docs/auth0-api.md#buckets-and-headers). */
export function isGlobal429(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string' && /global/i.test(body.message);
}
