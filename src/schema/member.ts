import { memberRolesCost, noCall } from '../resolvers/field-costs.ts';
import { recordKey } from '../cache/invalidation.ts';
import { costs, identifies, reads } from '../resolvers/field-declaration.ts';
import type { MemberSource } from '../resolvers/sources.ts';
import { memberOrganization, memberRoles, memberUser } from '../resolvers/members.ts';
import { builder } from './builder.ts';
import { MemberRef, OrganizationRef, RoleRef, UserRef } from './refs.ts';

builder.objectType(MemberRef, {
  // A member row is the organization's members page (its roles too) showing the user's profile fields.
  extensions: identifies('Organization', (member: MemberSource) => [
    recordKey('Organization', member.organizationId),
    recordKey('User', member.wire.user_id),
  ]),
  // What each field reads of the member's record is the members page's `fields=` (resolvers/record-reads.ts).
  fields: (t) => ({
    userId: t.string({ extensions: reads('user_id'), resolve: (member) => member.wire.user_id }),
    email: t.string({ nullable: true, extensions: reads('email'), resolve: (member) => member.wire.email ?? null }),
    name: t.string({ nullable: true, extensions: reads('name'), resolve: (member) => member.wire.name ?? null }),
    picture: t.string({ nullable: true, extensions: reads('picture'), resolve: (member) => member.wire.picture ?? null }),
    roles: t.field({
      type: [RoleRef],
      description: "The member's roles in this organization, fetched with the members page.",
      extensions: costs(memberRolesCost, { reads: ['roles'] }),
      resolve: (member, _args, ctx) => memberRoles(ctx, member),
    }),
    user: t.field({
      type: UserRef,
      description: 'The full profile; costs nothing beyond the member fields unless other fields are selected.',
      // The partial user is built from these; the selection under it narrows them (record-reads.ts).
      extensions: costs(noCall('partial'), { reads: ['user_id', 'email', 'name', 'picture'] }),
      resolve: (member) => memberUser(member),
    }),
    organization: t.field({ type: OrganizationRef, extensions: costs(noCall('shared')), resolve: (member) => memberOrganization(member) }),
  }),
});
