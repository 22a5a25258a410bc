import type { OrganizationWire } from '../auth0/endpoints/organizations.ts';
import type { Context } from '../resolvers/context.ts';
import { checkpointList, offsetList, oneCall, organizationLookupCost } from '../resolvers/field-costs.ts';
import { recordKey } from '../cache/invalidation.ts';
import { costs, identifies, inHand, mayBePartial, reads } from '../resolvers/field-declaration.ts';
import {
  listAllOrganizations, memberCount, organizationById, organizationEnabledConnections, organizationInvitations, organizationLookup,
  organizationField, organizationMembers, organizationName,
} from '../resolvers/organizations.ts';
import type { OrganizationSource } from '../resolvers/sources.ts';
import { builder } from './builder.ts';
import { pageArgs } from './connection.ts';
import { EnabledConnectionConnectionRef, InvitationConnectionRef } from './organization-extras.ts';
import { MemberConnectionRef, OrganizationConnectionRef, OrganizationRef } from './refs.ts';

type Branding = NonNullable<OrganizationWire['branding']>;

const BrandingRef = builder.objectRef<Branding>('OrganizationBranding').implement({
  extensions: inHand(),
  fields: (t) => ({
    logoUrl: t.string({ nullable: true, resolve: (branding) => branding.logo_url ?? null }),
    primaryColor: t.string({ nullable: true, resolve: (branding) => branding.colors?.primary ?? null }),
    pageBackgroundColor: t.string({ nullable: true, resolve: (branding) => branding.colors?.page_background ?? null }),
  }),
});

/** A field of the organization's record; the key it reads is its declaration, which tells the planner the record is needed. */
function record<K extends keyof OrganizationWire>(key: K) {
  return {
    resolve: (organization: OrganizationSource, _args: object, ctx: Context) => organizationField(ctx, organization, key),
    extensions: reads(key),
  };
}

builder.node(OrganizationRef, {
  // Reached by id alone (a lookup by id, a member's organization), an organization holds nothing of its record.
  extensions: identifies('Organization', (organization: OrganizationSource) => [recordKey('Organization', organization.organizationId)], mayBePartial([])),
  id: { resolve: (organization) => organization.organizationId },
  loadOne: (organizationId, ctx) => organizationById(ctx, organizationId),
  fields: (t) => ({
    organizationId: t.string({ extensions: reads(), resolve: (organization) => organization.organizationId }),
    name: t.string({ extensions: reads('name'), resolve: (organization, _args, ctx) => organizationName(ctx, organization) }),
    displayName: t.string({ nullable: true, ...record('display_name') }),
    branding: t.field({ type: BrandingRef, nullable: true, ...record('branding') }),
    metadata: t.field({ type: 'JSON', nullable: true, ...record('metadata') }),
    memberCount: t.int({
      nullable: true,
      description: 'Seats: one counted call, not a full listing.',
      extensions: costs(oneCall, { route: '/organizations/{id}/members' }),
      resolve: (organization, _args, ctx) => memberCount(ctx, organization),
    }),
    members: t.field({
      type: MemberConnectionRef,
      nullable: true,
      args: pageArgs,
      extensions: costs(checkpointList('partial'), { route: '/organizations/{id}/members' }),
      resolve: (organization, args, ctx, info) => organizationMembers(ctx, organization, args, info),
    }),
    enabledConnections: t.field({
      type: EnabledConnectionConnectionRef,
      nullable: true,
      args: pageArgs,
      extensions: costs(offsetList('partial')),
      resolve: (organization, args, ctx, info) => organizationEnabledConnections(ctx, organization, args, info),
    }),
    invitations: t.field({
      type: InvitationConnectionRef,
      nullable: true,
      description: 'Pending invitations; never their acceptance URL or ticket.',
      args: pageArgs,
      extensions: costs(offsetList('full')),
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
    extensions: costs(organizationLookupCost),
    resolve: (_root, args, ctx, info) => organizationLookup(ctx, args, info),
  }),
  organizations: t.field({
    type: OrganizationConnectionRef,
    nullable: true,
    args: pageArgs,
    extensions: costs(checkpointList('full'), { route: '/organizations' }),
    resolve: (_root, args, ctx, info) => listAllOrganizations(ctx, args, info),
  }),
}));

builder.asEntity(OrganizationRef, {
  key: builder.selection<{ organizationId: string }>('organizationId'),
  resolveReference: (reference, ctx) => organizationById(ctx, reference.organizationId),
});
