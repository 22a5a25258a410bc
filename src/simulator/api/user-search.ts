import { apiError } from '../errors.ts';
import { compileUserOrder, leadingUsers, planUserSearch, UserSearchError, type SearchContext } from '../search/index.ts';
import type { UserRecord } from '../tenant.ts';
import type { ApiContext } from './context.ts';
import { MAX_RECORDS } from './paging.ts';

const SEARCH_TIMEOUT_MESSAGE =
  'The query exceeded the timeout. Please try refining your search criteria. See https://auth0.com/docs/users/search/v3/query-syntax';

function compile<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof UserSearchError) throw apiError(400, error.message, 'invalid_query_string');
    throw error;
  }
}

/**
 * Organization memberships listings can see, worked out only for a user a query actually tests. One context
 * serves the whole (synchronous) pass, pointed at each user in turn, rather than one object per user tested.
 */
function searchContextFor(ctx: ApiContext): { readonly of: (user: UserRecord) => SearchContext } {
  let current: UserRecord | undefined;
  const context: SearchContext = {
    get organizationIds() {
      const userId = current?.user_id ?? '';
      return ctx.store.organizationIdsOf(userId).filter((orgId) => ctx.store.isMemberIndexed(orgId, userId, ctx.nowMs));
    },
  };
  return {
    of(user) {
      current = user;
      return context;
    },
  };
}

/** A search's matches in order, as far as offset paging reaches, and how many there are in all. */
export interface UserSearchResult {
  readonly users: readonly UserRecord[];
  readonly total: number;
}

/**
 * `/users` filtered by `q` and ordered by `sort`. Without `sort` the order is creation order; with it, ties
 * break by user id, so paging is deterministic either way, and only the first 1,000 matches (all that offset
 * paging can reach) are put in order. A query an index can narrow (ids, addresses, an organization, a creation
 * window) tests only the users the index names, in list order.
 */
export function searchUsers(ctx: ApiContext): UserSearchResult {
  const q = ctx.query.get('q');
  const sort = ctx.query.get('sort');
  let result = ctx.store.visibleUsers(ctx.nowMs);
  if (q !== null && q !== '') {
    if (ctx.searchTimeout) throw apiError(503, SEARCH_TIMEOUT_MESSAGE);
    const { matches, hint } = compile(() => planUserSearch(q));
    const { users } = ctx.store.state;
    const context = searchContextFor(ctx);
    const matched: UserRecord[] = [];
    const test = (user: UserRecord | undefined): void => {
      if (user !== undefined && matches(user, context.of(user))) matched.push(user);
    };
    if (hint === undefined) for (const user of result) test(user);
    else {
      for (const i of ctx.store.userIndex().positions(hint)) {
        const user = users[i];
        if (user !== undefined && ctx.store.isUserIndexed(user.user_id, ctx.nowMs)) test(user);
      }
    }
    result = matched;
  }
  if (sort === null || sort === '') return { users: result, total: result.length };
  const order = compile(() => compileUserOrder(sort));
  return { users: leadingUsers(result, order, MAX_RECORDS), total: result.length };
}
