import { clientById, listAllClients } from '../resolvers/clients.ts';
import { offsetList, oneCall } from '../resolvers/field-costs.ts';
import { recordKey } from '../cache/invalidation.ts';
import { costs, identifies, inHand } from '../resolvers/field-declaration.ts';
import type { ClientSource } from '../resolvers/sources.ts';
import { builder } from './builder.ts';
import { connectionType, pageArgs } from './connection.ts';

export const ClientRef = builder.objectRef<ClientSource>('Client');

builder.node(ClientRef, {
  description: 'An Auth0 application; never its secret, keys or credentials.',
  // Every lookup and listing reads whole client records.
  extensions: identifies('Client', (client: ClientSource) => [recordKey('Client', client.client_id)], inHand()),
  id: { resolve: (client) => client.client_id },
  loadOne: (clientId, ctx) => clientById(ctx, clientId),
  fields: (t) => ({
    clientId: t.exposeString('client_id'),
    name: t.string({ nullable: true, resolve: (client) => client.name ?? null }),
    description: t.string({ nullable: true, resolve: (client) => client.description ?? null }),
    appType: t.string({ nullable: true, resolve: (client) => client.app_type ?? null }),
    isFirstParty: t.boolean({ nullable: true, resolve: (client) => client.is_first_party ?? null }),
    isGlobal: t.boolean({ nullable: true, resolve: (client) => client.global ?? null }),
    oidcConformant: t.boolean({ nullable: true, resolve: (client) => client.oidc_conformant ?? null }),
    ssoDisabled: t.boolean({ nullable: true, resolve: (client) => client.sso_disabled ?? null }),
    crossOriginAuthentication: t.boolean({ nullable: true, resolve: (client) => client.cross_origin_authentication ?? null }),
    tokenEndpointAuthMethod: t.string({ nullable: true, resolve: (client) => client.token_endpoint_auth_method ?? null }),
    initiateLoginUri: t.string({ nullable: true, resolve: (client) => client.initiate_login_uri ?? null }),
    logoUri: t.string({ nullable: true, resolve: (client) => client.logo_uri ?? null }),
    callbacks: t.stringList({ nullable: true, resolve: (client) => client.callbacks ?? null }),
    allowedOrigins: t.stringList({ nullable: true, resolve: (client) => client.allowed_origins ?? null }),
    webOrigins: t.stringList({ nullable: true, resolve: (client) => client.web_origins ?? null }),
    allowedLogoutUrls: t.stringList({ nullable: true, resolve: (client) => client.allowed_logout_urls ?? null }),
    grantTypes: t.stringList({ nullable: true, resolve: (client) => client.grant_types ?? null }),
    organizationUsage: t.string({ nullable: true, resolve: (client) => client.organization_usage ?? null }),
    organizationRequireBehavior: t.string({ nullable: true, resolve: (client) => client.organization_require_behavior ?? null }),
    clientMetadata: t.field({ type: 'JSON', nullable: true, resolve: (client) => client.client_metadata ?? null }),
  }),
});

export const ClientConnectionRef = connectionType('Client', ClientRef, { counts: true });

builder.queryFields((t) => ({
  client: t.field({
    type: ClientRef,
    nullable: true,
    args: { clientId: t.arg.string({ required: true }) },
    extensions: costs(oneCall),
    resolve: (_root, args, ctx) => clientById(ctx, args.clientId),
  }),
  clients: t.field({
    type: ClientConnectionRef,
    nullable: true,
    args: { ...pageArgs, appType: t.arg.stringList(), isFirstParty: t.arg.boolean() },
    extensions: costs(offsetList('full'), { route: '/clients' }),
    resolve: (_root, args, ctx, info) => listAllClients(ctx, args, info),
  }),
}));

builder.asEntity(ClientRef, {
  key: builder.selection<{ clientId: string }>('clientId'),
  resolveReference: (reference, ctx) => clientById(ctx, reference.clientId),
});
