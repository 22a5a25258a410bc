import { createHash } from 'node:crypto';
import { getUsersByEmail, listUserOrganizations, listUserPermissions, listUserRoles, searchUsers } from '../auth0/endpoints/users.ts';
import type { UserWire } from '../auth0/endpoints/users.ts';
import type { PermissionWire } from '../auth0/endpoints/roles.ts';
import type { Context } from '../context.ts';
import { connectionOf } from './connection.ts';
import type { Connection } from './connection.ts';
import { MAX_PAGE_SIZE, decodeCursor, encodeCursor, pageSize } from './cursor.ts';
import { badUserInput } from './errors.ts';
import { allOf, phrase } from './lucene.ts';
import { offsetConnection } from './offset-paging.ts';
import type { OffsetConnectionArgs } from './offset-paging.ts';
import { planOffsetFetches } from './offset-window.ts';
import { needsTotals, planConnection } from './planner.ts';
import type { SelectionInfo } from './planner.ts';
import { PARTIAL_USER_FIELDS, completeRole, completeUser, organizationOf } from './sources.ts';
import type { OrganizationSource, RoleSource, UserSource } from './sources.ts';
import { INITIAL_WINDOW, SEARCH_CAP, advance, prepareWindow, windowClause, windowHasMore, windowState } from './user-window.ts';
import type { Direction } from './user-window.ts';

export async function userById(ctx: Context, userId: string): Promise<UserSource | null> {
  const wire = await ctx.loaders.userById.load(userId);
  return wire === null ? null : completeUser(wire);
}

export async function usersByEmail(ctx: Context, email: string): Promise<UserSource[]> {
  const wires = await getUsersByEmail(ctx.auth0, email, ctx.call);
  return wires.map((wire) => primeUser(ctx, wire));
}

function primeUser(ctx: Context, wire: UserWire): UserSource {
  ctx.loaders.userById.prime(wire.user_id, wire);
  return completeUser(wire);
}

/**
 * One field of a user: straight from the source when it knows it, else from the full profile, which the
 * request's loader fetches once for all users of the same tick (one search per batch).
 */
export function userField<K extends keyof UserWire>(ctx: Context, user: UserSource, key: K): UserWire[K] | null | Promise<UserWire[K] | null> {
  if (user.complete || PARTIAL_USER_FIELDS.has(key)) return user.wire[key] ?? null;
  return ctx.loaders.userById.load(user.userId).then((wire) => wire?.[key] ?? null);
}

/** The primary identity's connection: Auth0 lists the identity the user signed up with first. */
export async function userConnectionName(ctx: Context, user: UserSource): Promise<string | null> {
  const identities = await userField(ctx, user, 'identities');
  return identities?.[0]?.connection ?? null;
}

export async function userIdentities(ctx: Context, user: UserSource): Promise<NonNullable<UserWire['identities']>> {
  return (await userField(ctx, user, 'identities')) ?? [];
}

export type UserSortKey =
  | 'CREATED_AT_ASC' | 'CREATED_AT_DESC' | 'UPDATED_AT_ASC' | 'UPDATED_AT_DESC' | 'LAST_LOGIN_ASC'
  | 'LAST_LOGIN_DESC' | 'EMAIL_ASC' | 'EMAIL_DESC' | 'NAME_ASC' | 'NAME_DESC';

const SORTS: Record<UserSortKey, { readonly sort: string; readonly window?: Direction }> = {
  CREATED_AT_ASC: { sort: 'created_at:1', window: 'asc' },
  CREATED_AT_DESC: { sort: 'created_at:-1', window: 'desc' },
  UPDATED_AT_ASC: { sort: 'updated_at:1' },
  UPDATED_AT_DESC: { sort: 'updated_at:-1' },
  LAST_LOGIN_ASC: { sort: 'last_login:1' },
  LAST_LOGIN_DESC: { sort: 'last_login:-1' },
  EMAIL_ASC: { sort: 'email:1' },
  EMAIL_DESC: { sort: 'email:-1' },
  NAME_ASC: { sort: 'name:1' },
  NAME_DESC: { sort: 'name:-1' },
};

export interface UserListArgs extends OffsetConnectionArgs {
  readonly search?: string | null;
  readonly email?: string | null;
  readonly connection?: string | null;
  readonly updatedSince?: string | null;
  readonly sort?: UserSortKey | null;
}

/**
 * The caller's filters as one Lucene query. `search` is Auth0's documented syntax and passes through
 * (parenthesized); every other argument is a quoted phrase or a normalized timestamp, so none can widen it.
 */
export function userFilter(args: UserListArgs): string | undefined {
  const clauses: string[] = [];
  if (args.search) clauses.push(args.search);
  if (args.email) clauses.push(`email:${phrase(args.email)}`);
  if (args.connection) clauses.push(`identities.connection:${phrase(args.connection)}`);
  if (args.updatedSince) clauses.push(`updated_at:[${new Date(args.updatedSince).toISOString()} TO *]`);
  return allOf(clauses);
}

/**
 * `users`: a search sorted by creation (by default) that pages past Auth0's 1,000-match cap by windowing on
 * `created_at`, all behind one opaque cursor. Other sorts page through the first 1,000 matches only.
 */
export async function listUsers(ctx: Context, args: UserListArgs, info: SelectionInfo): Promise<Connection<UserSource>> {
  const plan = planConnection(info);
  const first = pageSize(args.first);
  const filter = userFilter(args);
  const sort = SORTS[args.sort ?? 'CREATED_AT_ASC'];
  const tag = `users:${createHash('sha256').update(`${filter ?? ''}\n${sort.sort}`).digest('base64url').slice(0, 16)}`;
  const decoded = args.after ? decodeCursor(tag, args.after, windowState) : INITIAL_WINDOW;
  const state = sort.window === undefined ? decoded : prepareWindow(decoded, first);
  if (state.k + first > SEARCH_CAP) {
    throw badUserInput(`Sorted this way, users page through their first ${SEARCH_CAP} matches only; sort by CREATED_AT to page further`);
  }
  const q = allOf([filter, sort.window === undefined ? undefined : windowClause(state, sort.window)].filter((c) => c !== undefined));
  const includeTotals = needsTotals(plan);
  const fetches = planOffsetFetches(state.k, Math.max(first, includeTotals ? 1 : 0), MAX_PAGE_SIZE);
  const pages = await Promise.all(
    fetches.map((fetch) => searchUsers(ctx.auth0, { q, sort: sort.sort, page: fetch.page, perPage: fetch.perPage, includeTotals }, ctx.call)),
  );
  const wires: UserWire[] = [];
  pages.forEach((page, index) => wires.push(...page.items.slice(fetches[index]?.skip ?? 0)));
  const window = wires.slice(0, first);
  const windowTotal = pages.find((page) => page.total !== undefined)?.total;
  const states = advance(state, window);
  const edges = window.map((wire, index) => ({ cursor: encodeCursor(tag, states[index]), node: primeUser(ctx, wire) }));
  const hasNextPage = windowHasMore(state, windowTotal, window.length, first);
  const totalCount = plan.totalCount && windowTotal !== undefined ? state.b + windowTotal : null;
  return connectionOf(edges, hasNextPage, state.b + state.k > 0, totalCount);
}

export function userOrganizations(
  ctx: Context,
  user: UserSource,
  args: OffsetConnectionArgs,
  info: SelectionInfo,
): Promise<Connection<OrganizationSource>> {
  return offsetConnection(
    `User.organizations:${user.userId}`,
    args,
    planConnection(info),
    (page, perPage, includeTotals) => listUserOrganizations(ctx.auth0, user.userId, { page, perPage, includeTotals }, ctx.call),
    (wire) => {
      ctx.loaders.organizationById.prime(wire.id, wire);
      return organizationOf(wire);
    },
  );
}

export function userRoles(ctx: Context, user: UserSource, args: OffsetConnectionArgs, info: SelectionInfo): Promise<Connection<RoleSource>> {
  return offsetConnection(
    `User.roles:${user.userId}`,
    args,
    planConnection(info),
    (page, perPage, includeTotals) => listUserRoles(ctx.auth0, user.userId, { page, perPage, includeTotals }, ctx.call),
    (wire) => {
      ctx.loaders.roleById.prime(wire.id, wire);
      return completeRole(wire);
    },
  );
}

export function userPermissions(
  ctx: Context,
  user: UserSource,
  args: OffsetConnectionArgs,
  info: SelectionInfo,
): Promise<Connection<PermissionWire>> {
  return offsetConnection(
    `User.permissions:${user.userId}`,
    args,
    planConnection(info),
    (page, perPage, includeTotals) => listUserPermissions(ctx.auth0, user.userId, { page, perPage, includeTotals }, ctx.call),
    (wire) => wire,
  );
}
