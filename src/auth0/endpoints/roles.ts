import { z } from 'zod';
import type { Auth0Client } from '../types.ts';
import { getParsed, pathSegment } from './call.ts';
import type { CallOptions } from './call.ts';
import { checkpointList, checkpointQuery, offsetList, offsetQuery } from './lists.ts';
import type { CheckpointPage, CheckpointParams, OffsetPage, OffsetParams } from './lists.ts';

export const roleWire = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
});
export type RoleWire = z.output<typeof roleWire>;

const permissionSourceWire = z.object({
  source_id: z.string().optional(),
  source_name: z.string().optional(),
  source_type: z.string().optional(),
});

/** Role permissions and user permissions share this shape; only user permissions carry `sources`. */
export const permissionWire = z.object({
  permission_name: z.string(),
  resource_server_identifier: z.string(),
  resource_server_name: z.string().nullish(),
  description: z.string().nullish(),
  sources: z.array(permissionSourceWire).optional(),
});
export type PermissionWire = z.output<typeof permissionWire>;

/** A role's user as `/roles/{id}/users` lists it: the same four fields a member has. */
export const roleUserWire = z.object({
  user_id: z.string(),
  email: z.string().optional(),
  name: z.string().optional(),
  picture: z.string().optional(),
});
export type RoleUserWire = z.output<typeof roleUserWire>;

export const roleList = offsetList('roles', roleWire);
export const permissionList = offsetList('permissions', permissionWire);
const roleUserPage = checkpointList('users', roleUserWire);
const roleUserList = offsetList('users', roleUserWire);

export function getRole(client: Auth0Client, roleId: string, options: CallOptions): Promise<RoleWire> {
  return getParsed(client, `/roles/${pathSegment(roleId)}`, {}, roleWire, options);
}

export interface RoleListParams extends OffsetParams {
  /** Auth0 matches it case-insensitively as a substring of the name. */
  readonly nameFilter: string | undefined;
}

export function listRoles(client: Auth0Client, params: RoleListParams, options: CallOptions): Promise<OffsetPage<RoleWire>> {
  const query = { ...offsetQuery(params), ...(params.nameFilter === undefined ? {} : { name_filter: params.nameFilter }) };
  return getParsed(client, '/roles', query, roleList, options);
}

export function listRolePermissions(
  client: Auth0Client,
  roleId: string,
  params: OffsetParams,
  options: CallOptions,
): Promise<OffsetPage<PermissionWire>> {
  const path = `/roles/${pathSegment(roleId)}/permissions`;
  return getParsed(client, path, offsetQuery(params), permissionList, options);
}

/** Checkpoint paging: the only way past Auth0's 1,000-record offset cap. */
export function listRoleUsers(
  client: Auth0Client,
  roleId: string,
  params: CheckpointParams,
  options: CallOptions,
): Promise<CheckpointPage<RoleUserWire>> {
  const path = `/roles/${pathSegment(roleId)}/users`;
  return getParsed(client, path, checkpointQuery(params), roleUserPage, options);
}

/** One counted call: the smallest offset page with `include_totals`. */
export async function countRoleUsers(client: Auth0Client, roleId: string, options: CallOptions): Promise<number> {
  const path = `/roles/${pathSegment(roleId)}/users`;
  const page = await getParsed(
    client, path, offsetQuery({ page: 0, perPage: 1, includeTotals: true }), roleUserList, options,
  );
  return page.total ?? page.items.length;
}
