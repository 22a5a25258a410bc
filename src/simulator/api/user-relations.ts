import type { JsonObject, JsonValue } from '../tenant.ts';
import type { RouteSpec } from './context.ts';
import { listResponse } from './paging.ts';
import { organizationView, permissionView, roleView } from './projections.ts';
import { requireUser } from './users.ts';

const userRoles: RouteSpec = {
  template: '/users/{id}/roles',
  scopes: { allOf: ['read:users', 'read:roles'] },
  handle(ctx) {
    const user = requireUser(ctx);
    const roles = ctx.store.state.roles.filter((role) =>
      (ctx.store.state.roleUsers.get(role.id) ?? []).some((a) => a.user_id === user.user_id),
    );
    return listResponse(ctx, { key: 'roles', items: roles, project: roleView, envelope: 'standard', cap: 'records' });
  },
};

/** Direct and role-derived permissions, one entry per permission with every source that grants it. */
const userPermissions: RouteSpec = {
  template: '/users/{id}/permissions',
  scopes: { anyOf: ['read:users'] },
  handle(ctx) {
    const user = requireUser(ctx);
    const { state } = ctx.store;
    const byKey = new Map<string, { view: JsonObject; sources: JsonValue[] }>();
    const add = (view: JsonObject, source: JsonObject): void => {
      const key = `${String(view.resource_server_identifier)} ${String(view.permission_name)}`;
      const entry = byKey.get(key) ?? { view, sources: [] };
      entry.sources.push(source);
      byKey.set(key, entry);
    };
    for (const ref of state.userPermissions.get(user.user_id) ?? []) {
      add(permissionView(ctx.store, ref), { source_id: '', source_name: '', source_type: 'DIRECT' });
    }
    for (const role of state.roles) {
      if (!(state.roleUsers.get(role.id) ?? []).some((a) => a.user_id === user.user_id)) continue;
      for (const ref of state.rolePermissions.get(role.id) ?? []) {
        add(permissionView(ctx.store, ref), { source_id: role.id, source_name: role.name, source_type: 'ROLE' });
      }
    }
    const items = [...byKey.values()].map(({ view, sources }) => ({ ...view, sources }));
    return listResponse(ctx, { key: 'permissions', items, project: (p) => p, envelope: 'standard', cap: 'records' });
  },
};

const userOrganizations: RouteSpec = {
  template: '/users/{id}/organizations',
  // The OAS security entry lists read:organizations; its 403 text, which is what the server says it accepts,
  // is "any of read:users, read:organizations".
  scopes: { anyOf: ['read:users', 'read:organizations'] },
  handle(ctx) {
    const user = requireUser(ctx);
    const orgs = ctx.store
      .organizationIdsOf(user.user_id)
      .flatMap((id) => ctx.store.state.organizations.filter((o) => o.id === id));
    return listResponse(ctx, { key: 'organizations', items: orgs, project: organizationView, envelope: 'standard', cap: 'records' });
  },
};

export const USER_RELATION_ROUTES: readonly RouteSpec[] = [userRoles, userPermissions, userOrganizations];
