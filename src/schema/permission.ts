import type { PermissionWire } from '../auth0/endpoints/roles.ts';
import { inHand } from '../resolvers/field-declaration.ts';
import { builder } from './builder.ts';
import { connectionType } from './connection.ts';

type PermissionSourceWire = NonNullable<PermissionWire['sources']>[number];

const PermissionSourceRef = builder.objectRef<PermissionSourceWire>('PermissionSource').implement({
  description: 'Why a user holds a permission: granted directly, or through a role.',
  extensions: inHand(),
  fields: (t) => ({
    sourceId: t.string({ nullable: true, resolve: (source) => source.source_id ?? null }),
    sourceName: t.string({ nullable: true, resolve: (source) => source.source_name ?? null }),
    sourceType: t.string({ nullable: true, resolve: (source) => source.source_type ?? null }),
  }),
});

export const PermissionRef = builder.objectRef<PermissionWire>('Permission').implement({
  extensions: inHand(),
  fields: (t) => ({
    permissionName: t.exposeString('permission_name'),
    resourceServerIdentifier: t.exposeString('resource_server_identifier'),
    resourceServerName: t.string({ nullable: true, resolve: (permission) => permission.resource_server_name ?? null }),
    description: t.string({ nullable: true, resolve: (permission) => permission.description ?? null }),
    sources: t.field({
      type: [PermissionSourceRef],
      nullable: true,
      description: "Only on a user's permissions.",
      resolve: (permission) => permission.sources ?? null,
    }),
  }),
});

export const PermissionConnectionRef = connectionType('Permission', PermissionRef, { counts: true });
