import { apiError } from '../errors.ts';
import type { UserRecord } from '../tenant.ts';
import type { ApiContext } from './context.ts';

/** `/users` filtering and ordering by `q` and `sort`; the default order is creation order. */
export function searchUsers(ctx: ApiContext, users: readonly UserRecord[]): readonly UserRecord[] {
  if (ctx.query.has('q') || ctx.query.has('sort')) {
    throw apiError(400, 'User search (q, sort) is not available in this simulator build yet', 'invalid_query_string');
  }
  return users;
}
