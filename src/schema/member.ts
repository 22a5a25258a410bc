import { memberRolesCost, noCall } from '../resolvers/field-costs.ts';
import { costs, inHand } from '../resolvers/field-declaration.ts';
import { memberOrganization, memberRoles, memberUser } from '../resolvers/members.ts';
import { builder } from './builder.ts';
import { MemberRef, OrganizationRef, RoleRef, UserRef } from './refs.ts';

builder.objectType(MemberRef, {
  // The member fields come on the members page; `roles`, `user` and `organization` declare what lies beyond it.
  extensions: inHand(),
  fields: (t) => ({
    userId: t.string({ resolve: (member) => member.wire.user_id }),
    email: t.string({ nullable: true, resolve: (member) => member.wire.email ?? null }),
    name: t.string({ nullable: true, resolve: (member) => member.wire.name ?? null }),
    picture: t.string({ nullable: true, resolve: (member) => member.wire.picture ?? null }),
    roles: t.field({
      type: [RoleRef],
      description: "The member's roles in this organization, fetched with the members page.",
      extensions: costs(memberRolesCost),
      resolve: (member, _args, ctx) => memberRoles(ctx, member),
    }),
    user: t.field({
      type: UserRef,
      description: 'The full profile; costs nothing beyond the member fields unless other fields are selected.',
      extensions: costs(noCall('partial')),
      resolve: (member) => memberUser(member),
    }),
    organization: t.field({ type: OrganizationRef, extensions: costs(noCall('shared')), resolve: (member) => memberOrganization(member) }),
  }),
});
