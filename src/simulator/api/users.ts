import { apiError, notFound, queryError } from '../errors.ts';
import type { UserRecord } from '../tenant.ts';
import { param, type ApiContext, type RouteSpec } from './context.ts';
import { selectFields } from './fields.ts';
import { listResponse } from './paging.ts';
import { userView } from './projections.ts';
import { searchUsers } from './user-search.ts';

export const USER_FIELDS = [
  'user_id', 'email', 'email_verified', 'username', 'phone_number', 'phone_verified', 'created_at', 'updated_at',
  'identities', 'app_metadata', 'user_metadata', 'picture', 'name', 'nickname', 'multifactor', 'last_ip',
  'last_login', 'logins_count', 'blocked', 'given_name', 'family_name', 'last_password_reset',
] as const;

export function requireUser(ctx: ApiContext): UserRecord {
  const user = ctx.store.userById(param(ctx, 'id'));
  if (user === undefined) throw notFound.user();
  return user;
}

function checkSearchEngine(query: URLSearchParams): void {
  const engine = query.get('search_engine');
  if (engine === 'v1') throw apiError(400, 'You are not allowed to use search_engine=v1.', 'operation_not_supported');
  if (engine === 'v2') {
    throw apiError(400, 'You are not allowed to use search_engine=v2. Use search_engine=v3 instead.', 'operation_not_supported');
  }
  if (engine !== null && engine !== 'v3') {
    throw queryError(`'No enum match for: "${engine}"' on property search_engine (The version of the search engine).`);
  }
  if (query.has('q') && engine === null) {
    throw apiError(400, "The 'q' parameter is available only if you specify 'search_engine=v2|v3'", 'invalid_query_string');
  }
}

const listUsers: RouteSpec = {
  template: '/users',
  scopes: { anyOf: ['read:users', 'read:user_idp_tokens'] },
  handle(ctx) {
    checkSearchEngine(ctx.query);
    const fields = selectFields(ctx.query, { allowed: USER_FIELDS });
    const found = searchUsers(ctx);
    return listResponse(ctx, {
      key: 'users',
      items: found.users,
      total: found.total,
      project: (user) => fields.project(userView(user, ctx, fields)),
      envelope: 'users',
      cap: 'users',
      perPageMin: 0,
    });
  },
};

const getUser: RouteSpec = {
  template: '/users/{id}',
  scopes: { anyOf: ['read:users', 'read:current_user', 'read:user_idp_tokens'] },
  handle(ctx) {
    const fields = selectFields(ctx.query, { allowed: USER_FIELDS });
    return fields.project(userView(requireUser(ctx), ctx, fields));
  },
};

const usersByEmail: RouteSpec = {
  template: '/users-by-email',
  scopes: { anyOf: ['read:users'] },
  handle(ctx) {
    const email = ctx.query.get('email');
    if (email === null || email === '') {
      throw queryError("'Missing required property: email' on property email (Email address to search for (case-sensitive)).");
    }
    const fields = selectFields(ctx.query, { allowed: USER_FIELDS });
    // Case-sensitive on input, as documented: only the address exactly as stored matches.
    return ctx.store.state.users.filter((u) => u.email === email).map((u) => fields.project(userView(u, ctx, fields)));
  },
};

export const USER_ROUTES: readonly RouteSpec[] = [listUsers, getUser, usersByEmail];
