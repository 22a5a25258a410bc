import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../resolvers/context.ts';
import type { UserField, UserWire } from '../auth0/endpoints/users.ts';
import { LISTED_IDS_PER_SEARCH, offsetList, pooledLookup, usersByEmailCost } from '../resolvers/field-costs.ts';
import { recordKey } from '../cache/invalidation.ts';
import { costs, identifies, inHand, mayBePartial, reads } from '../resolvers/field-declaration.ts';
import {
  listUsers, userById, userConnectionName, userLookup, userField, userIdentities, userOrganizations, userPermissions, userRoles,
  usersByEmail,
} from '../resolvers/users.ts';
import type { UserSortKey } from '../resolvers/users.ts';
import { PARTIAL_USER_FIELDS } from '../resolvers/sources.ts';
import type { UserSource } from '../resolvers/sources.ts';
import { builder } from './builder.ts';
import { pageArgs } from './connection.ts';
import { PermissionConnectionRef } from './permission.ts';
import { OrganizationConnectionRef, RoleConnectionRef, UserConnectionRef, UserRef } from './refs.ts';

type Identity = NonNullable<UserWire['identities']>[number];

const UserIdentityRef = builder.objectRef<Identity>('UserIdentity').implement({
  description: 'A linked identity; identity-provider tokens are never read.',
  extensions: inHand(),
  fields: (t) => ({
    connection: t.exposeString('connection'),
    provider: t.exposeString('provider'),
    userId: t.exposeString('user_id'),
    isSocial: t.boolean({ nullable: true, resolve: (identity) => identity.isSocial ?? null }),
  }),
});

/**
 * A nullable field read from the user's profile, loaded in the request's batch when the source lacks it; the
 * key it reads is its declaration, so a profile read asks Auth0 for it only when the field is selected.
 */
function profile<K extends UserField>(key: K) {
  return {
    resolve: (user: UserSource, _args: object, ctx: Context, info: GraphQLResolveInfo) => userField(ctx, info, user, key),
    extensions: reads(key),
  };
}

builder.node(UserRef, {
  // Members and role users are listed with four profile fields; the rest are read in one search per page.
  extensions: identifies('User', (user: UserSource) => [recordKey('User', user.userId)], mayBePartial(PARTIAL_USER_FIELDS, LISTED_IDS_PER_SEARCH, '/users')),
  id: { resolve: (user) => user.userId },
  // Not `loadOne`: a profile read needs the operation, to ask Auth0 for the fields it selects.
  loadWithoutCache: (userId, ctx, info) => userById(ctx, userId, info),
  fields: (t) => ({
    userId: t.string({ extensions: reads(), resolve: (user) => user.userId }),
    email: t.string({ nullable: true, ...profile('email') }),
    emailVerified: t.boolean({ nullable: true, ...profile('email_verified') }),
    username: t.string({ nullable: true, ...profile('username') }),
    name: t.string({ nullable: true, ...profile('name') }),
    givenName: t.string({ nullable: true, ...profile('given_name') }),
    familyName: t.string({ nullable: true, ...profile('family_name') }),
    nickname: t.string({ nullable: true, ...profile('nickname') }),
    picture: t.string({ nullable: true, ...profile('picture') }),
    phoneNumber: t.string({ nullable: true, ...profile('phone_number') }),
    phoneVerified: t.boolean({ nullable: true, ...profile('phone_verified') }),
    blocked: t.boolean({ nullable: true, ...profile('blocked') }),
    createdAt: t.field({ type: 'DateTime', nullable: true, ...profile('created_at') }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, ...profile('updated_at') }),
    lastLogin: t.field({ type: 'DateTime', nullable: true, ...profile('last_login') }),
    lastPasswordReset: t.field({ type: 'DateTime', nullable: true, ...profile('last_password_reset') }),
    loginsCount: t.int({ nullable: true, ...profile('logins_count') }),
    multifactor: t.stringList({ nullable: true, ...profile('multifactor') }),
    connection: t.string({
      nullable: true,
      description: "The primary identity's connection name.",
      extensions: reads<UserField>('identities'),
      resolve: (user, _args, ctx, info) => userConnectionName(ctx, info, user),
    }),
    identities: t.field({
      type: [UserIdentityRef],
      extensions: reads<UserField>('identities'),
      resolve: (user, _args, ctx, info) => userIdentities(ctx, info, user),
    }),
    appMetadata: t.field({ type: 'JSON', nullable: true, ...profile('app_metadata') }),
    userMetadata: t.field({ type: 'JSON', nullable: true, ...profile('user_metadata') }),
    organizations: t.field({
      type: OrganizationConnectionRef,
      nullable: true,
      args: pageArgs,
      extensions: costs(offsetList('full')),
      resolve: (user, args, ctx, info) => userOrganizations(ctx, user, args, info),
    }),
    roles: t.field({
      type: RoleConnectionRef,
      nullable: true,
      description: 'Tenant-level roles.',
      args: pageArgs,
      extensions: costs(offsetList('full')),
      resolve: (user, args, ctx, info) => userRoles(ctx, user, args, info),
    }),
    permissions: t.field({
      type: PermissionConnectionRef,
      nullable: true,
      args: pageArgs,
      extensions: costs(offsetList('full')),
      resolve: (user, args, ctx, info) => userPermissions(ctx, user, args, info),
    }),
  }),
});

const UserSortRef = builder.enumType('UserSort', {
  description: 'CREATED_AT sorts page past Auth0’s 1,000-match cap; the others stop there.',
  values: [
    'CREATED_AT_ASC', 'CREATED_AT_DESC', 'UPDATED_AT_ASC', 'UPDATED_AT_DESC', 'LAST_LOGIN_ASC', 'LAST_LOGIN_DESC',
    'EMAIL_ASC', 'EMAIL_DESC', 'NAME_ASC', 'NAME_DESC',
  ] as const satisfies readonly UserSortKey[],
});

builder.queryFields((t) => ({
  user: t.field({
    type: UserRef,
    nullable: true,
    description: "Batched with the request's other lookups into one search; ids the index lacks are read directly.",
    args: { userId: t.arg.string({ required: true }) },
    extensions: costs(pooledLookup('userId')),
    resolve: (_root, args, ctx, info) => userLookup(ctx, args.userId, info),
  }),
  usersByEmail: t.field({
    type: [UserRef],
    nullable: true,
    description: 'Every account with this address, ignoring case: one person may have several (one per connection).',
    args: { email: t.arg.string({ required: true }) },
    extensions: costs(usersByEmailCost, { route: '/users-by-email' }),
    resolve: (_root, args, ctx, info) => usersByEmail(ctx, args.email, info),
  }),
  users: t.field({
    type: UserConnectionRef,
    nullable: true,
    args: {
      ...pageArgs,
      search: t.arg.string({ description: "Auth0's Lucene user-search syntax, passed through." }),
      email: t.arg.string(),
      connection: t.arg.string(),
      updatedSince: t.arg({ type: 'DateTime' }),
      sort: t.arg({ type: UserSortRef }),
    },
    extensions: costs(offsetList('full'), { route: '/users' }),
    resolve: (_root, args, ctx, info) => listUsers(ctx, args, info),
  }),
}));

builder.asEntity(UserRef, {
  key: builder.selection<{ userId: string }>('userId'),
  resolveReference: (reference, ctx, info) => userById(ctx, reference.userId, info),
});
