import type { TenantStore } from '../tenant-store.ts';
import type { ApiContext } from './context.ts';
import { revealsEverything, type FieldSelection } from './fields.ts';
import type { JsonObject, MembershipRecord, OrganizationRecord, PermissionRef, RoleRecord, UserRecord } from '../tenant.ts';

/** A user as the API returns it: identity-provider tokens only with `read:user_idp_tokens` (or in the worst case). */
export function userView(user: UserRecord, ctx: Pick<ApiContext, 'scopes' | 'secrets'>, fields: FieldSelection): Record<string, unknown> {
  if (ctx.scopes.has('read:user_idp_tokens') || revealsEverything(fields, ctx.secrets)) return { ...user };
  return {
    ...user,
    identities: user.identities.map((identity) => {
      const { access_token: _access, refresh_token: _refresh, ...rest } = identity;
      return rest;
    }),
  };
}

export function organizationView(org: OrganizationRecord): JsonObject {
  return JSON.parse(JSON.stringify(org)) as JsonObject;
}

export function roleView(role: RoleRecord): JsonObject {
  return { id: role.id, name: role.name, description: role.description };
}

/** `{user_id, email, picture, name}` as on member and role-user listings. */
export function memberSummary(user: UserRecord | undefined, userId: string): JsonObject {
  if (user === undefined) return { user_id: userId };
  return { user_id: user.user_id, email: user.email, picture: user.picture, name: user.name };
}

export function memberView(store: TenantStore, membership: MembershipRecord): JsonObject {
  const roles = membership.role_ids.flatMap((id) => {
    const role = store.state.roles.find((r) => r.id === id);
    return role === undefined ? [] : [{ id: role.id, name: role.name }];
  });
  return { ...memberSummary(store.userById(membership.user_id), membership.user_id), roles };
}

export function permissionView(store: TenantStore, ref: PermissionRef): JsonObject {
  const api = store.state.resourceServers.find((r) => r.identifier === ref.resource_server_identifier);
  const scope = api?.scopes.find((s) => s.value === ref.permission_name);
  return {
    permission_name: ref.permission_name,
    description: scope?.description ?? '',
    resource_server_name: api?.name ?? '',
    resource_server_identifier: ref.resource_server_identifier,
  };
}
