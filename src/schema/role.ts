import { listAllRoles, roleById, roleDescription, rolePermissions, roleUsers } from '../resolvers/roles.ts';
import { builder } from './builder.ts';
import { pageArgs } from './connection.ts';
import { PermissionConnectionRef } from './permission.ts';
import { RoleConnectionRef, RoleRef, UserConnectionRef } from './refs.ts';

builder.node(RoleRef, {
  id: { resolve: (role) => role.roleId },
  loadOne: (roleId, ctx) => roleById(ctx, roleId),
  fields: (t) => ({
    roleId: t.string({ resolve: (role) => role.roleId }),
    name: t.string({ resolve: (role) => role.wire.name }),
    description: t.string({ nullable: true, resolve: (role, _args, ctx) => roleDescription(ctx, role) }),
    permissions: t.field({
      type: PermissionConnectionRef,
      nullable: true,
      args: pageArgs,
      resolve: (role, args, ctx, info) => rolePermissions(ctx, role, args, info),
    }),
    users: t.field({
      type: UserConnectionRef,
      nullable: true,
      args: pageArgs,
      resolve: (role, args, ctx, info) => roleUsers(ctx, role, args, info),
    }),
  }),
});

builder.queryFields((t) => ({
  role: t.field({
    type: RoleRef,
    nullable: true,
    args: { roleId: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => roleById(ctx, args.roleId),
  }),
  roles: t.field({
    type: RoleConnectionRef,
    nullable: true,
    args: { ...pageArgs, nameFilter: t.arg.string({ description: 'Case-insensitive substring of the name.' }) },
    resolve: (_root, args, ctx, info) => listAllRoles(ctx, args, info),
  }),
}));
