import { countRoleUsers, listRolePermissions, listRoleUsers, listRoles } from '../auth0/endpoints/roles.ts';
import type { PermissionWire, RoleWire } from '../auth0/endpoints/roles.ts';
import type { Context } from './context.ts';
import { checkpointConnection } from './checkpoint-paging.ts';
import type { Connection } from './connection.ts';
import { offsetConnection } from './offset-paging.ts';
import type { OffsetConnectionArgs } from './offset-paging.ts';
import { planConnection } from './planner.ts';
import type { SelectionInfo } from './planner.ts';
import { listedProfiles } from './listed-profiles.ts';
import type { OperationInfo } from './profile-fields.ts';
import { completeRole, completeUser, partialUser } from './sources.ts';
import type { RoleSource, UserSource } from './sources.ts';

export async function roleById(ctx: Context, roleId: string): Promise<RoleSource | null> {
  const wire = await ctx.loaders.roleById.load(roleId);
  return wire === null ? null : completeRole(wire);
}

/** A role's description: member roles arrive without it, so it is read (once per role) only when selected. */
export async function roleDescription(ctx: Context, role: RoleSource): Promise<string | null> {
  if (role.complete) return role.wire.description ?? null;
  const wire = await ctx.loaders.roleById.load(role.roleId);
  return wire?.description ?? null;
}

export function listAllRoles(
  ctx: Context,
  args: OffsetConnectionArgs & { readonly nameFilter?: string | null },
  info: SelectionInfo,
): Promise<Connection<RoleSource>> {
  const nameFilter = args.nameFilter ?? undefined;
  return offsetConnection(
    `roles:${nameFilter ?? ''}`,
    args,
    planConnection(info),
    (page, perPage, includeTotals) => listRoles(ctx.auth0, { page, perPage, includeTotals, nameFilter }, ctx.call),
    (wire: RoleWire) => {
      ctx.loaders.roleById.prime(wire.id, wire);
      return completeRole(wire);
    },
  );
}

export function rolePermissions(ctx: Context, role: RoleSource, args: OffsetConnectionArgs, info: SelectionInfo): Promise<Connection<PermissionWire>> {
  return offsetConnection(
    `Role.permissions:${role.roleId}`,
    args,
    planConnection(info),
    (page, perPage, includeTotals) => listRolePermissions(ctx.auth0, role.roleId, { page, perPage, includeTotals }, ctx.call),
    (wire) => wire,
  );
}

/**
 * Checkpoint paging past the 1,000 cap. Users are listed with four fields; when more are selected, the page's
 * profiles are read in one search right after it.
 */
export function roleUsers(ctx: Context, role: RoleSource, args: OffsetConnectionArgs, info: SelectionInfo & OperationInfo): Promise<Connection<UserSource>> {
  const plan = planConnection(info);
  return checkpointConnection(
    `Role.users:${role.roleId}`,
    args,
    (from, take) => listRoleUsers(ctx.auth0, role.roleId, { from, take }, ctx.call),
    async (wires) => {
      const profiles = await listedProfiles(ctx, info, ['edges', 'node'], wires.map((wire) => wire.user_id));
      return wires.map((wire) => {
        const profile = profiles.get(wire.user_id);
        return profile === undefined ? partialUser(wire) : completeUser(profile);
      });
    },
    plan.totalCount ? countRoleUsers(ctx.auth0, role.roleId, ctx.call) : Promise.resolve(null),
    plan.streamed,
  );
}
