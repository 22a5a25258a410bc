import { CLIENT_GRANT_ROUTES } from './client-grants.ts';
import { CLIENT_ROUTES } from './clients.ts';
import { CONNECTION_ROUTES } from './connections.ts';
import type { RouteSpec } from './context.ts';
import { LOG_ROUTES } from './logs.ts';
import { MEMBER_ROUTES } from './members.ts';
import { ORGANIZATION_WRITE_ROUTES } from './organization-writes.ts';
import { ORGANIZATION_EXTRA_ROUTES } from './organization-extras.ts';
import { ORGANIZATION_ROUTES } from './organizations.ts';
import { RESOURCE_SERVER_ROUTES } from './resource-servers.ts';
import { ROLE_ROUTES } from './roles.ts';
import { TENANT_INFO_ROUTES } from './tenant-info.ts';
import { USER_RELATION_ROUTES } from './user-relations.ts';
import { USER_ROUTES } from './users.ts';
import { USER_WRITE_ROUTES } from './user-writes.ts';

/** Every endpoint, reads and the writes the graph reads back; fixed segments come before ids where templates overlap. */
export const ROUTES: readonly RouteSpec[] = [
  ...USER_ROUTES,
  ...USER_RELATION_ROUTES,
  ...ORGANIZATION_ROUTES,
  ...MEMBER_ROUTES,
  ...ORGANIZATION_EXTRA_ROUTES,
  ...ROLE_ROUTES,
  ...CLIENT_ROUTES,
  ...CLIENT_GRANT_ROUTES,
  ...CONNECTION_ROUTES,
  ...RESOURCE_SERVER_ROUTES,
  ...TENANT_INFO_ROUTES,
  ...LOG_ROUTES,
  ...USER_WRITE_ROUTES,
  ...ORGANIZATION_WRITE_ROUTES,
];
