import { checkpointList, offsetList, oneCall } from '../resolvers/field-costs.ts';
import { recordKey } from '../cache/invalidation.ts';
import { costs, identifies, mayBePartial, reads } from '../resolvers/field-declaration.ts';
import { listAllRoles, roleById, roleDescription, rolePermissions, roleUsers } from '../resolvers/roles.ts';
import { PARTIAL_ROLE_FIELDS } from '../resolvers/sources.ts';
import type { RoleSource } from '../resolvers/sources.ts';
import { builder } from './builder.ts';
import { pageArgs } from './connection.ts';
import { PermissionConnectionRef } from './permission.ts';
import { RoleConnectionRef, RoleRef, UserConnectionRef } from './refs.ts';

builder.node(RoleRef, {
  extensions: identifies('Role', (role: RoleSource) => [recordKey('Role', role.roleId)], mayBePartial(PARTIAL_ROLE_FIELDS)),
  id: { resolve: (role) => role.roleId },
  loadOne: (roleId, ctx) => roleById(ctx, roleId),
  fields: (t) => ({
    roleId: t.string({ extensions: reads(), resolve: (role) => role.roleId }),
    name: t.string({ extensions: reads('name'), resolve: (role) => role.wire.name }),
    description: t.string({ nullable: true, extensions: reads('description'), resolve: (role, _args, ctx) => roleDescription(ctx, role) }),
    permissions: t.field({
      type: PermissionConnectionRef,
      nullable: true,
      args: pageArgs,
      extensions: costs(offsetList('full')),
      resolve: (role, args, ctx, info) => rolePermissions(ctx, role, args, info),
    }),
    users: t.field({
      type: UserConnectionRef,
      nullable: true,
      args: pageArgs,
      extensions: costs(checkpointList('partial')),
      resolve: (role, args, ctx, info) => roleUsers(ctx, role, args, info),
    }),
  }),
});

builder.queryFields((t) => ({
  role: t.field({
    type: RoleRef,
    nullable: true,
    args: { roleId: t.arg.string({ required: true }) },
    extensions: costs(oneCall),
    resolve: (_root, args, ctx) => roleById(ctx, args.roleId),
  }),
  roles: t.field({
    type: RoleConnectionRef,
    nullable: true,
    args: { ...pageArgs, nameFilter: t.arg.string({ description: 'Case-insensitive substring of the name.' }) },
    extensions: costs(offsetList('full'), { route: '/roles' }),
    resolve: (_root, args, ctx, info) => listAllRoles(ctx, args, info),
  }),
}));
