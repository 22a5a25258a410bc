import { listMemberRoles } from '../auth0/endpoints/organizations.ts';
import type { Context } from './context.ts';
import { completeUser, partialUser } from './sources.ts';
import type { MemberSource, OrganizationSource, RoleSource, UserSource } from './sources.ts';

/**
 * A member's roles in its organization. The planner asks for them on the members page; the per-member call
 * is only a fallback for selections it cannot see (it reads fragments too, so in practice never). Listed
 * roles are answered synchronously: a promise per member would make graphql-js complete every member of a
 * 100-member page asynchronously.
 */
export function memberRoles(ctx: Context, member: MemberSource): RoleSource[] | Promise<RoleSource[]> {
  const listed = member.rolesListed ? (member.wire.roles ?? []) : member.wire.roles;
  if (listed !== undefined) return listed.map(roleOf);
  return listMemberRoles(ctx.auth0, member.organizationId, member.wire.user_id, ctx.call).then((roles) => roles.map(roleOf));
}

function roleOf(role: { readonly id: string; readonly name: string }): RoleSource {
  return { roleId: role.id, wire: role, complete: false };
}

/** The member as a user: its profile when the page read them, else the fields the member carries. */
export function memberUser(member: MemberSource): UserSource {
  return member.profile === undefined ? partialUser(member.wire) : completeUser(member.profile);
}

export function memberOrganization(member: MemberSource): OrganizationSource {
  return { organizationId: member.organizationId, wire: undefined };
}
