import { apiError } from '../errors.ts';
import { compileUserSort, planUserSearch, UserSearchError, type SearchContext } from '../search/index.ts';
import type { UserRecord } from '../tenant.ts';
import type { ApiContext } from './context.ts';

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

/** Organization memberships listings can see, worked out only for a user a query actually tests. */
function searchContextOf(ctx: ApiContext, user: UserRecord): SearchContext {
  return {
    get organizationIds() {
      return ctx.store.organizationIdsOf(user.user_id).filter((orgId) => ctx.store.isMemberIndexed(orgId, user.user_id, ctx.nowMs));
    },
  };
}

/**
 * `/users` filtered by `q` and ordered by `sort`. Without `sort` the order is creation order; with it,
 * the comparator breaks ties itself, so paging is deterministic either way. A query an index can narrow
 * (ids, addresses, an organization, a creation window) tests only the users the index names, in list order.
 */
export function searchUsers(ctx: ApiContext): readonly UserRecord[] {
  const q = ctx.query.get('q');
  const sort = ctx.query.get('sort');
  let result = ctx.store.visibleUsers(ctx.nowMs);
  if (q !== null && q !== '') {
    if (ctx.searchTimeout) throw apiError(503, SEARCH_TIMEOUT_MESSAGE);
    const { matches, hint } = compile(() => planUserSearch(q));
    const { users } = ctx.store.state;
    const pool =
      hint === undefined
        ? result
        : ctx.store.userIndex().positions(hint).flatMap((i) => {
            const user = users[i];
            return user !== undefined && ctx.store.isUserIndexed(user.user_id, ctx.nowMs) ? [user] : [];
          });
    result = pool.filter((user) => matches(user, searchContextOf(ctx, user)));
  }
  if (sort !== null && sort !== '') {
    const compare = compile(() => compileUserSort(sort));
    result = [...result].sort(compare);
  }
  return result;
}
