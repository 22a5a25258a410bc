import type { Query } from '../auth0/types.ts';

/**
 * The scopes a group needs: any one of these sets, each needed whole. Most groups have one set; role users
 * also pass with read:role_members alone (OAS: "all of read:users, read:roles", read:role_members listed).
 */
export type ScopeNeed = readonly (readonly string[])[];

/**
 * One group of the graph that depends on one Management API endpoint: the cheapest call that proves the
 * group works, and the scopes Auth0 wants for it (docs/auth0-api.md#endpoints-and-scopes).
 */
export interface Probe {
  readonly group: string;
  /** Schema coordinates (`Type.field`) this group answers; used to narrow the check to a query file. */
  readonly fields: readonly string[];
  readonly path: string;
  readonly query?: Query;
  readonly needs: ScopeNeed;
}

// Ids that cannot exist but are well formed: Auth0 checks scopes before looking the id up, so a 404 means the
// call got past the scope check. That alone proves little (a proxy may look ids up first), which is why a
// group is usable only when the token's scopes say so too.
const NO_USER = encodeURIComponent('auth0|000000000000000000000000');
const NO_ORG = 'org_0000000000000000';
const NO_ROLE = 'rol_0000000000000000';
const ONE = { per_page: 1, page: 0 } as const;

export const PROBES: readonly Probe[] = [
  {
    group: 'Users',
    fields: ['Query.user', 'Query.users', 'Query.usersByEmail', 'OrganizationMember.user'],
    path: '/users',
    query: { ...ONE, fields: 'user_id', include_fields: true },
    needs: [['read:users']],
  },
  { group: 'User roles', fields: ['User.roles'], path: `/users/${NO_USER}/roles`, query: ONE, needs: [['read:users', 'read:roles']] },
  { group: 'User permissions', fields: ['User.permissions'], path: `/users/${NO_USER}/permissions`, query: ONE, needs: [['read:users']] },
  {
    group: 'User organizations',
    fields: ['User.organizations'],
    path: `/users/${NO_USER}/organizations`,
    query: ONE,
    // The OAS security entry; its 403 text also accepts read:users, so the call alone can pass without it.
    needs: [['read:organizations']],
  },
  {
    group: 'Applications',
    fields: ['Query.client', 'Query.clients'],
    path: '/clients',
    query: { ...ONE, fields: 'client_id', include_fields: true },
    needs: [['read:clients']],
  },
  {
    group: 'Organizations',
    fields: ['Query.organization', 'Query.organizations', 'OrganizationMember.organization'],
    path: '/organizations',
    query: ONE,
    needs: [['read:organizations']],
  },
  {
    group: 'Organization members',
    fields: ['Organization.members', 'Organization.memberCount'],
    path: `/organizations/${NO_ORG}/members`,
    query: { ...ONE, fields: 'user_id', include_fields: true },
    needs: [['read:organization_members']],
  },
  {
    group: 'Member roles',
    fields: ['OrganizationMember.roles'],
    path: `/organizations/${NO_ORG}/members`,
    query: { ...ONE, fields: 'user_id,roles', include_fields: true },
    needs: [['read:organization_members', 'read:organization_member_roles']],
  },
  {
    group: 'Organization connections',
    fields: ['Organization.enabledConnections'],
    path: `/organizations/${NO_ORG}/enabled_connections`,
    query: ONE,
    needs: [['read:organization_connections']],
  },
  {
    group: 'Organization invitations',
    fields: ['Organization.invitations'],
    path: `/organizations/${NO_ORG}/invitations`,
    query: ONE,
    needs: [['read:organization_invitations']],
  },
  { group: 'Roles', fields: ['Query.role', 'Query.roles'], path: '/roles', query: ONE, needs: [['read:roles']] },
  { group: 'Role permissions', fields: ['Role.permissions'], path: `/roles/${NO_ROLE}/permissions`, query: ONE, needs: [['read:roles']] },
  { group: 'Role users', fields: ['Role.users'], path: `/roles/${NO_ROLE}/users`, query: ONE, needs: [['read:users', 'read:roles'], ['read:role_members']] },
  {
    group: 'Connections',
    fields: ['Query.identityConnection', 'Query.identityConnections'],
    path: '/connections',
    query: { ...ONE, fields: 'id', include_fields: true },
    needs: [['read:connections']],
  },
  { group: 'Tenant stats', fields: ['Query.tenantStats'], path: '/stats/active-users', needs: [['read:stats']] },
];
