import { apiError, notFound } from '../errors.ts';
import type { MembershipRecord, OrganizationRecord, RoleRecord } from '../tenant.ts';
import { param, type ApiContext, type RouteSpec } from './context.ts';
import { requireOrganization } from './organizations.ts';
import { organizationView } from './projections.ts';
import { rolesNamed } from './roles.ts';
import { idList, mergeMetadata, objectBody, optionalObject, optionalString, payloadError } from './write-bodies.ts';

/** Auth0's rule for an organization's name: lower case letters, digits, `-` and `_`, at most 50. */
const ORG_NAME = /^[a-z0-9_-]{1,50}$/;
/** Members per add or remove call, as the OAS caps the `members` array. */
const MEMBERS_PER_CALL = 10;

const updateOrganization: RouteSpec = {
  template: '/organizations/{id}',
  method: 'PATCH',
  operation: 'Update an Organization',
  scopes: { anyOf: ['update:organizations'] },
  handle(ctx) {
    const org = requireOrganization(ctx);
    const body = objectBody(ctx.body, ['name', 'display_name', 'branding', 'metadata']);
    const changes: Partial<Omit<OrganizationRecord, 'id'>> = {};
    const name = optionalString(body, 'name');
    if (name !== undefined) {
      if (!ORG_NAME.test(name)) throw payloadError(`String does not match pattern ^[a-z0-9_-]{1,50}$: ${name}`, 'name');
      const holder = ctx.store.organizationByName(name);
      if (holder !== undefined && holder.id !== org.id) throw apiError(409, 'An organization with this name already exists.');
      changes.name = name;
    }
    const displayName = optionalString(body, 'display_name');
    if (displayName !== undefined) changes.display_name = displayName;
    const branding = optionalObject(body, 'branding');
    if (branding !== undefined) changes.branding = branding as OrganizationRecord['branding'];
    const metadata = optionalObject(body, 'metadata');
    if (metadata !== undefined) changes.metadata = mergeMetadata(org.metadata, metadata) as Record<string, string>;
    const updated = ctx.store.updateOrganization(org.id, changes);
    ctx.changed({ type: 'organization.updated', organization: updated, atMs: ctx.nowMs });
    return organizationView(updated);
  },
};

/** Adds or removes the members the body names; `apply` changes one membership and reports it. */
function membersWrite(method: 'POST' | 'DELETE', operation: string, scope: string, apply: (org: OrganizationRecord, userIds: string[], ctx: ApiContext) => void): RouteSpec {
  return {
    template: '/organizations/{id}/members',
    method,
    status: 204,
    operation,
    scopes: { anyOf: [scope] },
    handle(ctx) {
      apply(requireOrganization(ctx), idList(objectBody(ctx.body, ['members']), 'members', MEMBERS_PER_CALL), ctx);
      return null;
    },
  };
}

const addMembers = membersWrite('POST', 'Add members to an organization', 'create:organization_members', (org, userIds, ctx) => {
  if (userIds.some((id) => ctx.store.userById(id) === undefined)) throw notFound.user();
  const current = new Set(ctx.store.state.members.get(org.id)?.map((m) => m.user_id));
  // Adding someone who is already a member is not an error; it changes nothing.
  for (const userId of new Set(userIds)) {
    if (current.has(userId)) continue;
    ctx.store.addMember(org.id, userId, [], ctx.nowMs, ctx.visibleAtMs);
    ctx.changed({ type: 'organization.member.added', organization: org, userId, atMs: ctx.nowMs });
  }
});

const removeMembers = membersWrite('DELETE', 'Delete members from an organization', 'delete:organization_members', (org, userIds, ctx) => {
  for (const userId of ctx.store.removeMembers(org.id, userIds)) {
    ctx.changed({ type: 'organization.member.deleted', organization: org, userId, atMs: ctx.nowMs });
  }
});

/** Assigns or removes the member roles the body names; `apply` changes one and says whether it did. */
function memberRolesWrite(
  method: 'POST' | 'DELETE',
  operation: string,
  scope: string,
  type: 'organization.member.role.assigned' | 'organization.member.role.deleted',
  apply: (membership: MembershipRecord, role: RoleRecord) => boolean,
): RouteSpec {
  return {
    template: '/organizations/{id}/members/{user_id}/roles',
    method,
    status: 204,
    operation,
    scopes: { anyOf: [scope] },
    handle(ctx) {
      const org = requireOrganization(ctx);
      const userId = param(ctx, 'user_id');
      const roleIds = idList(objectBody(ctx.body, ['roles']), 'roles', 100);
      const membership = ctx.store.state.members.get(org.id)?.find((m) => m.user_id === userId);
      // UNCONFIRMED upstream: the body for a user who is not a member.
      if (membership === undefined) throw apiError(404, 'The user is not a member of the organization.');
      for (const role of rolesNamed(ctx, roleIds)) {
        if (apply(membership, role)) ctx.changed({ type, organization: org, userId, role, atMs: ctx.nowMs });
      }
      return null;
    },
  };
}

const assignMemberRoles = memberRolesWrite(
  'POST',
  'Assign roles to an organization member',
  'create:organization_member_roles',
  'organization.member.role.assigned',
  (membership, role) => {
    if (membership.role_ids.includes(role.id)) return false;
    membership.role_ids.push(role.id);
    return true;
  },
);

const removeMemberRoles = memberRolesWrite(
  'DELETE',
  'Remove roles from an organization member',
  'delete:organization_member_roles',
  'organization.member.role.deleted',
  (membership, role) => {
    if (!membership.role_ids.includes(role.id)) return false;
    membership.role_ids = membership.role_ids.filter((id) => id !== role.id);
    return true;
  },
);

export const ORGANIZATION_WRITE_ROUTES: readonly RouteSpec[] = [
  updateOrganization,
  addMembers,
  removeMembers,
  assignMemberRoles,
  removeMemberRoles,
];
