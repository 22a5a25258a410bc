import type { ConnectionWire } from '../auth0/endpoints/connections.ts';
import type { Context } from '../resolvers/context.ts';
import { identityConnectionById, identityConnectionField, listIdentityConnections } from '../resolvers/identity-connections.ts';
import type { IdentityConnectionSource } from '../resolvers/sources.ts';
import { builder } from './builder.ts';
import { connectionType, pageArgs } from './connection.ts';

export const IdentityConnectionRef = builder.objectRef<IdentityConnectionSource>('IdentityConnection');

function field<K extends keyof ConnectionWire>(key: K) {
  return (connection: IdentityConnectionSource, _args: object, ctx: Context) => identityConnectionField(ctx, connection, key);
}

builder.node(IdentityConnectionRef, {
  description: 'An Auth0 connection (identity source); never its `options`, which hold provider secrets.',
  id: { resolve: (connection) => connection.connectionId },
  loadOne: (connectionId, ctx) => identityConnectionById(ctx, connectionId),
  fields: (t) => ({
    connectionId: t.string({ resolve: (connection) => connection.connectionId }),
    name: t.string({ nullable: true, resolve: field('name') }),
    displayName: t.string({ nullable: true, resolve: field('display_name') }),
    strategy: t.string({ nullable: true, resolve: field('strategy') }),
    realms: t.stringList({ nullable: true, resolve: field('realms') }),
    isDomainConnection: t.boolean({ nullable: true, resolve: field('is_domain_connection') }),
    showAsButton: t.boolean({ nullable: true, resolve: field('show_as_button') }),
    metadata: t.field({ type: 'JSON', nullable: true, resolve: field('metadata') }),
  }),
});

export const IdentityConnectionConnectionRef = connectionType('IdentityConnection', IdentityConnectionRef, { counts: true });

builder.queryFields((t) => ({
  identityConnection: t.field({
    type: IdentityConnectionRef,
    nullable: true,
    args: { connectionId: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => identityConnectionById(ctx, args.connectionId),
  }),
  identityConnections: t.field({
    type: IdentityConnectionConnectionRef,
    nullable: true,
    args: { ...pageArgs, strategy: t.arg.stringList() },
    resolve: (_root, args, ctx, info) => listIdentityConnections(ctx, args, info),
  }),
}));
