import { apiError } from '../errors.ts';
import type { RouteSpec } from './context.ts';
import { param } from './context.ts';
import { selectFields } from './fields.ts';
import { requireOrganization } from './organizations.ts';
import { listResponse } from './paging.ts';
import { memberView, roleView } from './projections.ts';

const MEMBER_FIELDS = ['user_id', 'email', 'picture', 'name', 'roles'] as const;

const listMembers: RouteSpec = {
  template: '/organizations/{id}/members',
  scopes: { anyOf: ['read:organization_members'] },
  handle(ctx) {
    const org = requireOrganization(ctx);
    // Roles come only when `fields` names them, and only for tokens that may read member roles.
    const fields = selectFields(ctx.query, { allowed: MEMBER_FIELDS, hiddenUnlessNamed: ['roles'] });
    if (fields.named.has('roles') && !ctx.scopes.has('read:organization_member_roles')) {
      throw apiError(403, 'Insufficient scope, expected any of: read:organization_member_roles', 'insufficient_scope');
    }
    const members = (ctx.store.state.members.get(org.id) ?? []).filter((m) =>
      ctx.store.isMemberIndexed(org.id, m.user_id, ctx.nowMs),
    );
    return listResponse(ctx, {
      key: 'members',
      items: members,
      project: (member) => fields.project(memberView(ctx.store, member)),
      envelope: 'standard',
      cap: 'records',
      checkpoint: { idOf: (member) => member.user_id, atOf: (member) => member.created_at, end: 'empty-page' },
    });
  },
};

const listMemberRoles: RouteSpec = {
  template: '/organizations/{id}/members/{user_id}/roles',
  scopes: { anyOf: ['read:organization_member_roles'] },
  handle(ctx) {
    const org = requireOrganization(ctx);
    const userId = param(ctx, 'user_id');
    const membership = ctx.store.state.members.get(org.id)?.find((m) => m.user_id === userId);
    const roles = (membership?.role_ids ?? []).flatMap((id) => ctx.store.state.roles.filter((r) => r.id === id));
    return listResponse(ctx, { key: 'roles', items: roles, project: roleView, envelope: 'standard', cap: 'records' });
  },
};

export const MEMBER_ROUTES: readonly RouteSpec[] = [listMembers, listMemberRoles];
