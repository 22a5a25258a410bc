import type { EnabledConnectionWire, InvitationWire } from '../auth0/endpoints/organizations.ts';
import { noCall } from '../resolvers/field-costs.ts';
import { costs, inHand } from '../resolvers/field-declaration.ts';
import { enabledConnectionTarget } from '../resolvers/identity-connections.ts';
import { builder } from './builder.ts';
import { connectionType } from './connection.ts';
import { IdentityConnectionRef } from './identity-connection.ts';

const EnabledConnectionRef = builder.objectRef<EnabledConnectionWire>('OrganizationEnabledConnection').implement({
  extensions: inHand(),
  fields: (t) => ({
    connectionId: t.exposeString('connection_id'),
    assignMembershipOnLogin: t.boolean({ nullable: true, resolve: (enabled) => enabled.assign_membership_on_login ?? null }),
    showAsButton: t.boolean({ nullable: true, resolve: (enabled) => enabled.show_as_button ?? null }),
    isSignupEnabled: t.boolean({ nullable: true, resolve: (enabled) => enabled.is_signup_enabled ?? null }),
    connection: t.field({
      type: IdentityConnectionRef,
      extensions: costs(noCall('partial')),
      resolve: (enabled) => enabledConnectionTarget(enabled),
    }),
  }),
});

export const EnabledConnectionConnectionRef = connectionType('OrganizationEnabledConnection', EnabledConnectionRef, { counts: true });

const InvitationRef = builder.objectRef<InvitationWire>('OrganizationInvitation').implement({
  description: 'An invitation; its URL and ticket accept it for whoever holds them, so they are never read.',
  extensions: inHand(),
  fields: (t) => ({
    invitationId: t.exposeString('id'),
    organizationId: t.string({ nullable: true, resolve: (invitation) => invitation.organization_id ?? null }),
    clientId: t.string({ nullable: true, resolve: (invitation) => invitation.client_id ?? null }),
    connectionId: t.string({ nullable: true, resolve: (invitation) => invitation.connection_id ?? null }),
    inviterName: t.string({ nullable: true, resolve: (invitation) => invitation.inviter?.name ?? null }),
    inviteeEmail: t.string({ nullable: true, resolve: (invitation) => invitation.invitee?.email ?? null }),
    roleIds: t.stringList({ nullable: true, resolve: (invitation) => invitation.roles ?? null }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (invitation) => invitation.created_at ?? null }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (invitation) => invitation.expires_at ?? null }),
  }),
});

export const InvitationConnectionRef = connectionType('OrganizationInvitation', InvitationRef, { counts: false });
