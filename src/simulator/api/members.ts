import type { RouteSpec } from './context.ts';
import { param } from './context.ts';
import { selectFields } from './fields.ts';
import { requireOrganization } from './organizations.ts';
import { listResponse } from './paging.ts';
import { memberView, roleView } from './projections.ts';
import { boolParam } from './query-params.ts';

const MEMBER_FIELDS = ['user_id', 'email', 'picture', 'name', 'roles'] as const;

/** Asking for `roles` in an allow-list: only then do members carry roles, and only for tokens that may read them. */
const asksForRoles = (query: URLSearchParams): boolean =>
  (query.get('fields') ?? '').split(',').includes('roles') && boolParam(query, 'include_fields') !== false;

const listMembers: RouteSpec = {
  template: '/organizations/{id}/members',
  scopes: { anyOf: ['read:organization_members'] },
  queryScopes: (query) => (asksForRoles(query) ? { anyOf: ['read:organization_member_roles'] } : undefined),
  handle(ctx) {
    const org = requireOrganization(ctx);
    const fields = selectFields(ctx.query, { allowed: MEMBER_FIELDS, hiddenUnlessNamed: ['roles'] });
    const members = ctx.store.visibleMembers(org.id, ctx.nowMs);
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
