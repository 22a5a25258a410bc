import { apiError } from '../errors.ts';
import { compileUserSearch, compileUserSort, UserSearchError } from '../search/index.ts';
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

/**
 * `/users` filtered by `q` and ordered by `sort`. Without `sort` the order is creation order; with it,
 * the comparator breaks ties itself, so paging is deterministic either way.
 */
export function searchUsers(ctx: ApiContext, users: readonly UserRecord[]): readonly UserRecord[] {
  const q = ctx.query.get('q');
  const sort = ctx.query.get('sort');
  let result = users;
  if (q !== null && q !== '') {
    if (ctx.searchTimeout) throw apiError(503, SEARCH_TIMEOUT_MESSAGE);
    const matches = compile(() => compileUserSearch(q));
    result = users.filter((user) =>
      matches(user, {
        organizationIds: ctx.store.organizationIdsOf(user.user_id).filter((orgId) => ctx.store.isMemberIndexed(orgId, user.user_id, ctx.nowMs)),
      }),
    );
  }
  if (sort !== null && sort !== '') {
    const compare = compile(() => compileUserSort(sort));
    result = [...result].sort(compare);
  }
  return result;
}
