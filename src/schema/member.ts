import { memberOrganization, memberRoles, memberUser } from '../resolvers/members.ts';
import { builder } from './builder.ts';
import { MemberRef, OrganizationRef, RoleRef, UserRef } from './refs.ts';

builder.objectType(MemberRef, {
  fields: (t) => ({
    userId: t.string({ resolve: (member) => member.wire.user_id }),
    email: t.string({ nullable: true, resolve: (member) => member.wire.email ?? null }),
    name: t.string({ nullable: true, resolve: (member) => member.wire.name ?? null }),
    picture: t.string({ nullable: true, resolve: (member) => member.wire.picture ?? null }),
    roles: t.field({
      type: [RoleRef],
      description: "The member's roles in this organization, fetched with the members page.",
      resolve: (member, _args, ctx) => memberRoles(ctx, member),
    }),
    user: t.field({
      type: UserRef,
      description: 'The full profile; costs nothing beyond the member fields unless other fields are selected.',
      resolve: (member) => memberUser(member),
    }),
    organization: t.field({ type: OrganizationRef, resolve: (member) => memberOrganization(member) }),
  }),
});
