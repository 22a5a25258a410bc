import type { ConnectionWire } from '../auth0/endpoints/connections.ts';
import type { Context } from '../resolvers/context.ts';
import { offsetList, oneCall } from '../resolvers/field-costs.ts';
import { recordKey } from '../cache/invalidation.ts';
import { costs, identifies, mayBePartial, reads } from '../resolvers/field-declaration.ts';
import { identityConnectionById, identityConnectionField, listIdentityConnections } from '../resolvers/identity-connections.ts';
import type { IdentityConnectionSource } from '../resolvers/sources.ts';
import { builder } from './builder.ts';
import { connectionType, pageArgs } from './connection.ts';

export const IdentityConnectionRef = builder.objectRef<IdentityConnectionSource>('IdentityConnection');

/** A field of the connection's record, loaded when the source lacks it; the key it reads is its declaration. */
function field<K extends keyof ConnectionWire>(key: K) {
  return {
    resolve: (connection: IdentityConnectionSource, _args: object, ctx: Context) => identityConnectionField(ctx, connection, key),
    extensions: reads(key),
  };
}

builder.node(IdentityConnectionRef, {
  description: 'An Auth0 connection (identity source); never its `options`, which hold provider secrets.',
  // An organization's enabled connection usually names its connection's name and strategy, but not always.
  extensions: identifies('Connection', (connection: IdentityConnectionSource) => [recordKey('Connection', connection.connectionId)], mayBePartial([])),
  id: { resolve: (connection) => connection.connectionId },
  loadOne: (connectionId, ctx) => identityConnectionById(ctx, connectionId),
  fields: (t) => ({
    connectionId: t.string({ extensions: reads(), resolve: (connection) => connection.connectionId }),
    name: t.string({ nullable: true, ...field('name') }),
    displayName: t.string({ nullable: true, ...field('display_name') }),
    strategy: t.string({ nullable: true, ...field('strategy') }),
    realms: t.stringList({ nullable: true, ...field('realms') }),
    isDomainConnection: t.boolean({ nullable: true, ...field('is_domain_connection') }),
    showAsButton: t.boolean({ nullable: true, ...field('show_as_button') }),
    metadata: t.field({ type: 'JSON', nullable: true, ...field('metadata') }),
  }),
});

export const IdentityConnectionConnectionRef = connectionType('IdentityConnection', IdentityConnectionRef, { counts: true });

builder.queryFields((t) => ({
  identityConnection: t.field({
    type: IdentityConnectionRef,
    nullable: true,
    args: { connectionId: t.arg.string({ required: true }) },
    extensions: costs(oneCall),
    resolve: (_root, args, ctx) => identityConnectionById(ctx, args.connectionId),
  }),
  identityConnections: t.field({
    type: IdentityConnectionConnectionRef,
    nullable: true,
    args: { ...pageArgs, strategy: t.arg.stringList() },
    extensions: costs(offsetList('full'), { route: '/connections' }),
    resolve: (_root, args, ctx, info) => listIdentityConnections(ctx, args, info),
  }),
}));
