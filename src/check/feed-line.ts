import { isAuth0Error } from '../auth0/errors.ts';
import type { Auth0Client } from '../auth0/types.ts';
import type { GrantedScopes } from './granted-scopes.ts';

/**
 * The `check` line for the change feed: whether the token may read the tenant logs (`read:logs`), and what
 * that buys. It never fails the check: without the feed the graph still answers, by the plain TTL.
 */
export async function feedLine(client: Auth0Client, granted: GrantedScopes, timeoutMs: number): Promise<string> {
  const off = 'Change feed off: grant read:logs to keep answers until the tenant changes them (AUTH0_GRAPH_FEED)';
  const scoped = granted.known ? granted.scopes.has('read:logs') : undefined;
  try {
    await client.get({ path: '/logs', query: { take: 1 }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if (isAuth0Error(error, 'AUTH0_FORBIDDEN')) return off;
    const reason = isAuth0Error(error) ? error.code : 'unexpected failure';
    return scoped === true ? `Change feed read:logs granted, but GET /logs failed (${reason}); the feed will retry` : off;
  }
  return scoped === false
    ? 'Change feed GET /logs worked, but read:logs is not among the granted scopes; the feed will try it'
    : 'Change feed read:logs ok: answers are kept until the tenant changes them (AUTH0_GRAPH_MAX_STALENESS at most)';
}
