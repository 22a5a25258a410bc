import { z } from 'zod';
import type { Auth0Client } from '../types.ts';
import { allowList, getParsed, pathSegment } from './call.ts';
import type { CallOptions } from './call.ts';
import { offsetList, offsetQuery } from './lists.ts';
import type { OffsetPage, OffsetParams } from './lists.ts';
import { organizationList } from './organizations.ts';
import type { OrganizationWire } from './organizations.ts';
import { permissionList, roleList } from './roles.ts';
import type { PermissionWire, RoleWire } from './roles.ts';

const json = z.record(z.string(), z.unknown());

/** An identity without its identity-provider tokens (docs/auth0-api.md#secrets-we-never-expose): they are simply not modelled. */
const identityWire = z.object({
  connection: z.string(),
  user_id: z.union([z.string(), z.number()]).transform(String),
  provider: z.string(),
  isSocial: z.boolean().optional(),
});

export const userWire = z.object({
  user_id: z.string(),
  email: z.string().optional(),
  email_verified: z.boolean().optional(),
  username: z.string().optional(),
  name: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  nickname: z.string().optional(),
  picture: z.string().optional(),
  phone_number: z.string().optional(),
  phone_verified: z.boolean().optional(),
  blocked: z.boolean().optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
  last_login: z.string().optional(),
  last_password_reset: z.string().optional(),
  logins_count: z.number().int().optional(),
  multifactor: z.array(z.string()).optional(),
  identities: z.array(identityWire).optional(),
  app_metadata: json.optional(),
  user_metadata: json.optional(),
});
export type UserWire = z.output<typeof userWire>;

/**
 * Every field we may read: an allow-list, so secrets Auth0 adds later never arrive. `last_ip` is left out as
 * PII. Each call names the part of it that its caller needs (always with `user_id`).
 */
export const USER_FIELDS = [
  'user_id', 'email', 'email_verified', 'username', 'name', 'given_name', 'family_name', 'nickname', 'picture',
  'phone_number', 'phone_verified', 'blocked', 'created_at', 'updated_at', 'last_login', 'last_password_reset',
  'logins_count', 'multifactor', 'identities', 'app_metadata', 'user_metadata',
] as const satisfies readonly (keyof UserWire)[];
export type UserField = (typeof USER_FIELDS)[number];

const userList = offsetList('users', userWire);
const userArray = z.array(userWire);

/** GET /users/{id}: immediately consistent, unlike search. */
export function getUser(client: Auth0Client, userId: string, fields: readonly UserField[], options: CallOptions): Promise<UserWire> {
  return getParsed(client, `/users/${pathSegment(userId)}`, allowList(fields), userWire, options);
}

export interface UserSearch extends OffsetParams {
  /** Lucene query; absent lists everyone. */
  readonly q: string | undefined;
  /** `field:1` or `field:-1`. */
  readonly sort: string | undefined;
  readonly fields: readonly UserField[];
}

/** GET /users with search engine v3 (the only one Auth0 still accepts for `q`). Eventually consistent. */
export function searchUsers(client: Auth0Client, search: UserSearch, options: CallOptions): Promise<OffsetPage<UserWire>> {
  const query = {
    ...allowList(search.fields),
    ...offsetQuery(search),
    search_engine: 'v3',
    ...(search.q === undefined ? {} : { q: search.q }),
    ...(search.sort === undefined ? {} : { sort: search.sort }),
  };
  return getParsed(client, '/users', query, userList, options);
}

/** GET /users-by-email: case-sensitive on input, always a bare array. */
export function getUsersByEmail(client: Auth0Client, email: string, fields: readonly UserField[], options: CallOptions): Promise<UserWire[]> {
  return getParsed(client, '/users-by-email', { email, ...allowList(fields) }, userArray, options);
}

export function listUserRoles(
  client: Auth0Client,
  userId: string,
  params: OffsetParams,
  options: CallOptions,
): Promise<OffsetPage<RoleWire>> {
  return getParsed(client, `/users/${pathSegment(userId)}/roles`, offsetQuery(params), roleList, options);
}

export function listUserPermissions(
  client: Auth0Client,
  userId: string,
  params: OffsetParams,
  options: CallOptions,
): Promise<OffsetPage<PermissionWire>> {
  const path = `/users/${pathSegment(userId)}/permissions`;
  return getParsed(client, path, offsetQuery(params), permissionList, options);
}

export function listUserOrganizations(
  client: Auth0Client,
  userId: string,
  params: OffsetParams,
  options: CallOptions,
): Promise<OffsetPage<OrganizationWire>> {
  const path = `/users/${pathSegment(userId)}/organizations`;
  return getParsed(client, path, offsetQuery(params), organizationList, options);
}
