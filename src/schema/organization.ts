import type { OrganizationWire } from '../auth0/endpoints/organizations.ts';
import type { Context } from '../resolvers/context.ts';
import {
  listAllOrganizations, memberCount, organizationById, organizationEnabledConnections, organizationInvitations, organizationLookup,
  organizationMembers, organizationName, organizationRecord,
} from '../resolvers/organizations.ts';
import type { OrganizationSource } from '../resolvers/sources.ts';
import { builder } from './builder.ts';
import { pageArgs } from './connection.ts';
import { EnabledConnectionConnectionRef, InvitationConnectionRef } from './organization-extras.ts';
import { MemberConnectionRef, OrganizationConnectionRef, OrganizationRef } from './refs.ts';

type Branding = NonNullable<OrganizationWire['branding']>;

const BrandingRef = builder.objectRef<Branding>('OrganizationBranding').implement({
  fields: (t) => ({
    logoUrl: t.string({ nullable: true, resolve: (branding) => branding.logo_url ?? null }),
    primaryColor: t.string({ nullable: true, resolve: (branding) => branding.colors?.primary ?? null }),
    pageBackgroundColor: t.string({ nullable: true, resolve: (branding) => branding.colors?.page_background ?? null }),
  }),
});

/** A field of the organization's own record, which a lazy source reads (once per request) when first needed. */
function record<T>(pick: (wire: OrganizationWire) => T) {
  return async (organization: OrganizationSource, _args: object, ctx: Context): Promise<T | null> => {
    const wire = await organizationRecord(ctx, organization);
    return wire === null ? null : pick(wire);
  };
}

builder.node(OrganizationRef, {
  id: { resolve: (organization) => organization.organizationId },
  loadOne: (organizationId, ctx) => organizationById(ctx, organizationId),
  fields: (t) => ({
    organizationId: t.string({ resolve: (organization) => organization.organizationId }),
    name: t.string({ resolve: (organization, _args, ctx) => organizationName(ctx, organization) }),
    displayName: t.string({ nullable: true, resolve: record((wire) => wire.display_name ?? null) }),
    branding: t.field({ type: BrandingRef, nullable: true, resolve: record((wire) => wire.branding ?? null) }),
    metadata: t.field({ type: 'JSON', nullable: true, resolve: record((wire) => wire.metadata ?? null) }),
    memberCount: t.int({
      nullable: true,
      description: 'Seats: one counted call, not a full listing.',
      resolve: (organization, _args, ctx) => memberCount(ctx, organization),
    }),
    members: t.field({
      type: MemberConnectionRef,
      nullable: true,
      args: pageArgs,
      resolve: (organization, args, ctx, info) => organizationMembers(ctx, organization, args, info),
    }),
    enabledConnections: t.field({
      type: EnabledConnectionConnectionRef,
      nullable: true,
      args: pageArgs,
      resolve: (organization, args, ctx, info) => organizationEnabledConnections(ctx, organization, args, info),
    }),
    invitations: t.field({
      type: InvitationConnectionRef,
      nullable: true,
      description: 'Pending invitations; never their acceptance URL or ticket.',
      args: pageArgs,
      resolve: (organization, args, ctx, info) => organizationInvitations(ctx, organization, args, info),
    }),
  }),
});

builder.queryFields((t) => ({
  organization: t.field({
    type: OrganizationRef,
    nullable: true,
    description: 'Exactly one of `organizationId` and `name`.',
    args: { organizationId: t.arg.string(), name: t.arg.string() },
    resolve: (_root, args, ctx, info) => organizationLookup(ctx, args, info),
  }),
  organizations: t.field({
    type: OrganizationConnectionRef,
    nullable: true,
    args: pageArgs,
    resolve: (_root, args, ctx, info) => listAllOrganizations(ctx, args, info),
  }),
}));

builder.asEntity(OrganizationRef, {
  key: builder.selection<{ organizationId: string }>('organizationId'),
  resolveReference: (reference, ctx) => organizationById(ctx, reference.organizationId),
});
