import { notFound, queryError } from '../errors.ts';
import type { InvitationRecord, JsonObject } from '../tenant.ts';
import { param, type RouteSpec } from './context.ts';
import { selectFields } from './fields.ts';
import { requireOrganization } from './organizations.ts';
import { listResponse } from './paging.ts';

const INVITATION_FIELDS = [
  'id', 'organization_id', 'inviter', 'invitee', 'invitation_url', 'ticket_id', 'created_at', 'expires_at',
  'client_id', 'connection_id', 'app_metadata', 'user_metadata', 'roles',
] as const;

/** Invitations default to newest first (`created_at:-1`). */
function sortInvitations(list: readonly InvitationRecord[], sort: string | null): InvitationRecord[] {
  const spec = sort ?? 'created_at:-1';
  const match = /^created_at:(1|-1)$/.exec(spec);
  if (match === null) {
    throw queryError(`'String does not match pattern ^(created_at):(1|-1)$: ${spec}' on property sort (Field to sort by. Use field:order where order is 1 for ascending and -1 for descending Defaults to created_at:-1.).`);
  }
  const direction = match[1] === '1' ? 1 : -1;
  return [...list].sort((a, b) => direction * (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
}

const listInvitations: RouteSpec = {
  template: '/organizations/{id}/invitations',
  scopes: { anyOf: ['read:organization_invitations'] },
  handle(ctx) {
    const org = requireOrganization(ctx);
    const fields = selectFields(ctx.query, { allowed: INVITATION_FIELDS });
    return listResponse(ctx, {
      key: 'invitations',
      items: sortInvitations(ctx.store.state.invitations.get(org.id) ?? [], ctx.query.get('sort')),
      project: (invitation) => fields.project(invitation),
      envelope: 'no-total',
      cap: 'invitations',
    });
  },
};

const getInvitation: RouteSpec = {
  template: '/organizations/{id}/invitations/{invitation_id}',
  scopes: { anyOf: ['read:organization_invitations'] },
  handle(ctx) {
    const org = requireOrganization(ctx);
    const fields = selectFields(ctx.query, { allowed: INVITATION_FIELDS });
    const invitation = ctx.store.state.invitations.get(org.id)?.find((i) => i.id === param(ctx, 'invitation_id'));
    if (invitation === undefined) throw notFound.invitation();
    return fields.project(invitation);
  },
};

const listEnabledConnections: RouteSpec = {
  template: '/organizations/{id}/enabled_connections',
  scopes: { anyOf: ['read:organization_connections'] },
  handle(ctx) {
    const org = requireOrganization(ctx);
    const items = (ctx.store.state.orgConnections.get(org.id) ?? []).map((enabled): JsonObject => {
      const connection = ctx.store.state.connections.find((c) => c.id === enabled.connection_id);
      return { ...enabled, connection: { name: connection?.name ?? '', strategy: connection?.strategy ?? '' } };
    });
    return listResponse(ctx, { key: 'enabled_connections', items, project: (c) => c, envelope: 'count-limit', cap: 'records' });
  },
};

export const ORGANIZATION_EXTRA_ROUTES: readonly RouteSpec[] = [listInvitations, getInvitation, listEnabledConnections];
