import { createHash } from 'node:crypto';
import { valueFromASTUntyped } from 'graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { getUsersByEmail, listUserOrganizations, listUserPermissions, listUserRoles, searchUsers } from '../auth0/endpoints/users.ts';
import type { UserField, UserWire } from '../auth0/endpoints/users.ts';
import type { PermissionWire } from '../auth0/endpoints/roles.ts';
import type { OffsetPage, OffsetParams } from '../auth0/endpoints/lists.ts';
import type { CallOptions } from '../auth0/endpoints/call.ts';
import type { Auth0Client } from '../auth0/types.ts';
import type { Context } from './context.ts';
import { connectionOf, edgeOf } from './connection.ts';
import type { Connection } from './connection.ts';
import { decodeCursor } from './cursor.ts';
import { MAX_PAGE_SIZE, pageSize } from './page-rules.ts';
import { badUserInput } from './errors.ts';
import { allOf, phrase } from './lucene.ts';
import { offsetConnection, streamedOffsetConnection } from './offset-paging.ts';
import type { OffsetConnectionArgs } from './offset-paging.ts';
import { planOffsetFetches } from './offset-window.ts';
import type { OffsetFetch } from './offset-window.ts';
import { childSelections, needsTotals, planConnection } from './planner.ts';
import type { ConnectionPlan, SelectionInfo } from './planner.ts';
import { profileFieldsOf } from './profile-fields.ts';
import type { OperationInfo } from './profile-fields.ts';
import { memoized } from './request-memo.ts';
import { PARTIAL_USER_FIELDS, completeRole, completeUser, organizationOf, partialUser } from './sources.ts';
import type { OrganizationSource, RoleSource, UserSource } from './sources.ts';
import { INITIAL_WINDOW, SEARCH_CAP, advance, prepareWindow, windowClause, windowHasMore, windowState } from './user-window.ts';
import type { Direction } from './user-window.ts';

export async function userById(ctx: Context, userId: string, info: OperationInfo): Promise<UserSource | null> {
  const wire = await ctx.loaders.userById(info).load(userId);
  return wire === null ? null : completeUser(wire);
}

/**
 * `user(userId:)`: the profile read and the selected lists (`organizations`, `roles`, `permissions`) are
 * independent calls, so the lists start now instead of after the profile arrives, and their fields pick up the
 * same promises. A user that turns out not to exist has cost those calls for nothing; a list under a directive
 * is left to its field, since it may be skipped.
 */
export function userLookup(
  ctx: Context,
  userId: string,
  info: SelectionInfo & OperationInfo & Pick<GraphQLResolveInfo, 'variableValues'>,
): Promise<UserSource | null> {
  const user = partialUser({ user_id: userId });
  for (const [name, start] of Object.entries(RELATIONS)) {
    for (const selection of childSelections(info, name)) {
      const args = pageArgsOf(selection, info.variableValues);
      if (args !== undefined) start(ctx, user, args, selection).catch(() => undefined);
    }
  }
  return userById(ctx, userId, info);
}

function pageArgsOf(selection: SelectionInfo, variables: GraphQLResolveInfo['variableValues']): OffsetConnectionArgs | undefined {
  const [node] = selection.fieldNodes;
  if (node === undefined || selection.fieldNodes.some((field) => (field.directives?.length ?? 0) > 0)) return undefined;
  const value = (name: string): unknown => {
    const argument = node.arguments?.find((candidate) => candidate.name.value === name);
    return argument === undefined ? null : valueFromASTUntyped(argument.value, variables);
  };
  const first = value('first') ?? null;
  const after = value('after') ?? null;
  if ((first !== null && typeof first !== 'number') || (after !== null && typeof after !== 'string')) return undefined;
  return { first, after };
}

/** One key per distinct upstream question a list field asks, so a field and its early start share one call. */
function relationKey(tag: string, args: OffsetConnectionArgs, plan: ConnectionPlan): string {
  return JSON.stringify([tag, args.first ?? null, args.after ?? null, plan.totalCount, needsTotals(plan), plan.streamed]);
}

/**
 * Every account whose address matches ignoring case, from two calls made together. One address can hold
 * several accounts (a database user and the same person through Google or SAML), and only database
 * addresses are stored lowercased: SAML and some social ones keep the IdP's capitals.
 * - `/users-by-email` is immediately consistent but exact on case, so it is asked in lowercase: that finds
 *   every database account, a moment-old sign-up included.
 * - A search `email:"…"` matches case-insensitively across connections, whatever case either side uses, but
 *   misses accounts the index has not caught up with yet.
 * Neither alone answers both; a third call for the caller's exact casing would only add a just-created
 * non-database account with capitals, which the search finds seconds later. Accounts both return are kept once.
 */
export async function usersByEmail(ctx: Context, email: string, info: OperationInfo): Promise<UserSource[]> {
  const fields = profileFieldsOf(info);
  const search = { q: `email:${phrase(email)}`, sort: undefined, page: 0, perPage: MAX_PAGE_SIZE, includeTotals: false, fields };
  const [exact, matched] = await Promise.all([
    getUsersByEmail(ctx.auth0, email.toLowerCase(), fields, ctx.call),
    searchUsers(ctx.auth0, search, ctx.call),
  ]);
  const byId = new Map<string, UserWire>();
  for (const wire of [...exact, ...matched.items]) if (!byId.has(wire.user_id)) byId.set(wire.user_id, wire);
  return [...byId.values()].map((wire) => primeUser(ctx, info, wire));
}

function primeUser(ctx: Context, info: OperationInfo, wire: UserWire): UserSource {
  ctx.loaders.userById(info).prime(wire.user_id, wire);
  return completeUser(wire);
}

/**
 * One field of a user: straight from the source when it knows it, else from the full profile, which the
 * request's loader fetches once for all users of the same tick (one search per batch).
 */
export function userField<K extends keyof UserWire>(
  ctx: Context,
  info: OperationInfo,
  user: UserSource,
  key: K,
): UserWire[K] | null | Promise<UserWire[K] | null> {
  if (user.complete || PARTIAL_USER_FIELDS.has(key)) return user.wire[key] ?? null;
  return ctx.loaders.userById(info).load(user.userId).then((wire) => wire?.[key] ?? null);
}

/** The primary identity's connection: Auth0 lists the identity the user signed up with first. */
export async function userConnectionName(ctx: Context, info: OperationInfo, user: UserSource): Promise<string | null> {
  const identities = await userField(ctx, info, user, 'identities');
  return identities?.[0]?.connection ?? null;
}

export async function userIdentities(ctx: Context, info: OperationInfo, user: UserSource): Promise<NonNullable<UserWire['identities']>> {
  return (await userField(ctx, info, user, 'identities')) ?? [];
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
export async function listUsers(ctx: Context, args: UserListArgs, info: SelectionInfo & OperationInfo): Promise<Connection<UserSource>> {
  const plan = planConnection(info);
  const first = pageSize(args.first, plan.streamed);
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
  const fields = listingFields(info);
  const search = (fetch: OffsetFetch) => searchUsers(ctx.auth0, { q, sort: sort.sort, page: fetch.page, perPage: fetch.perPage, includeTotals, fields }, ctx.call);
  if (plan.streamed) {
    let last = state;
    return streamedOffsetConnection(
      fetches,
      first,
      search,
      (wires) => {
        const states = advance(last, wires);
        last = states.at(-1) ?? last;
        return wires.map((wire, index) => edgeOf(primeUser(ctx, info, wire), tag, states[index]));
      },
      (walked) => ({
        hasNextPage: windowHasMore(state, walked.total, walked.wires.length, first),
        hasPreviousPage: state.b + state.k > 0,
        totalCount: plan.totalCount && walked.total !== undefined ? state.b + walked.total : null,
      }),
    );
  }
  const pages = await Promise.all(fetches.map(search));
  const wires: UserWire[] = [];
  pages.forEach((page, index) => wires.push(...page.items.slice(fetches[index]?.skip ?? 0)));
  const window = wires.slice(0, first);
  const windowTotal = pages.find((page) => page.total !== undefined)?.total;
  const states = advance(state, window);
  const edges = window.map((wire, index) => edgeOf(primeUser(ctx, info, wire), tag, states[index]));
  const hasNextPage = windowHasMore(state, windowTotal, window.length, first);
  const totalCount = plan.totalCount && windowTotal !== undefined ? state.b + windowTotal : null;
  return connectionOf(edges, hasNextPage, state.b + state.k > 0, totalCount);
}

/** The operation's profile fields, and `created_at`, which a listing's cursor reads to start its next window. */
function listingFields(info: OperationInfo): readonly UserField[] {
  const fields = profileFieldsOf(info);
  return fields.includes('created_at') ? fields : [...fields, 'created_at'];
}

type UserListCall<W> = (client: Auth0Client, userId: string, params: OffsetParams, options: CallOptions) => Promise<OffsetPage<W>>;

/** One of a user's offset-paged lists as a connection, memoized per request by its page and plan. */
function userRelation<W, S>(name: string, list: UserListCall<W>, toSource: (ctx: Context, wire: W) => S) {
  return (ctx: Context, user: UserSource, args: OffsetConnectionArgs, info: SelectionInfo): Promise<Connection<S>> => {
    const tag = `User.${name}:${user.userId}`;
    const plan = planConnection(info);
    return memoized(ctx, relationKey(tag, args, plan), () =>
      offsetConnection(
        tag,
        args,
        plan,
        (page, perPage, includeTotals) => list(ctx.auth0, user.userId, { page, perPage, includeTotals }, ctx.call),
        (wire) => toSource(ctx, wire),
      ),
    );
  };
}

export const userOrganizations = userRelation('organizations', listUserOrganizations, (ctx, wire): OrganizationSource => {
  ctx.loaders.organizationById.prime(wire.id, wire);
  return organizationOf(wire);
});

export const userRoles = userRelation('roles', listUserRoles, (ctx, wire): RoleSource => {
  ctx.loaders.roleById.prime(wire.id, wire);
  return completeRole(wire);
});

export const userPermissions = userRelation('permissions', listUserPermissions, (_ctx, wire): PermissionWire => wire);

/** A user's lists that need only the id, which `user(userId:)` starts beside the profile read. */
const RELATIONS = { organizations: userOrganizations, roles: userRoles, permissions: userPermissions };
