import { notFound } from '../errors.ts';
import type { RoleRecord } from '../tenant.ts';
import { param, type ApiContext, type RouteSpec } from './context.ts';
import { listResponse } from './paging.ts';
import { memberSummary, permissionView, roleView } from './projections.ts';

function requireRole(ctx: ApiContext): RoleRecord {
  const role = ctx.store.state.roles.find((r) => r.id === param(ctx, 'id'));
  if (role === undefined) throw notFound.role();
  return role;
}

/** The roles a write's body names, in its order; the role 404 for the first that does not exist. */
export function rolesNamed(ctx: ApiContext, ids: readonly string[]): RoleRecord[] {
  return ids.map((id) => {
    const role = ctx.store.state.roles.find((r) => r.id === id);
    if (role === undefined) throw notFound.role();
    return role;
  });
}

const listRoles: RouteSpec = {
  template: '/roles',
  scopes: { anyOf: ['read:roles'] },
  handle(ctx) {
    const filter = (ctx.query.get('name_filter') ?? '').toLowerCase();
    const roles = ctx.store.state.roles.filter((r) => r.name.toLowerCase().includes(filter));
    return listResponse(ctx, { key: 'roles', items: roles, project: roleView, envelope: 'standard', cap: 'records' });
  },
};

const getRole: RouteSpec = {
  template: '/roles/{id}',
  scopes: { anyOf: ['read:roles'] },
  handle: (ctx) => roleView(requireRole(ctx)),
};

const roleUsers: RouteSpec = {
  template: '/roles/{id}/users',
  // OAS: "expected all of: read:users, read:roles", with read:role_members listed as enough on its own.
  scopes: { allOf: ['read:users', 'read:roles'], orAnyOf: ['read:role_members'] },
  handle(ctx) {
    const role = requireRole(ctx);
    return listResponse(ctx, {
      key: 'users',
      items: ctx.store.state.roleUsers.get(role.id) ?? [],
      project: (a) => memberSummary(ctx.store.userById(a.user_id), a.user_id),
      envelope: 'standard',
      cap: 'records',
      checkpoint: { idOf: (a) => a.user_id, atOf: (a) => a.created_at, end: 'no-next' },
    });
  },
};

const rolePermissions: RouteSpec = {
  template: '/roles/{id}/permissions',
  scopes: { anyOf: ['read:roles'] },
  handle(ctx) {
    const role = requireRole(ctx);
    return listResponse(ctx, {
      key: 'permissions',
      items: ctx.store.state.rolePermissions.get(role.id) ?? [],
      project: (ref) => permissionView(ctx.store, ref),
      envelope: 'standard',
      cap: 'records',
    });
  },
};

export const ROLE_ROUTES: readonly RouteSpec[] = [listRoles, getRole, roleUsers, rolePermissions];
