import { DEFAULT_GRANTED_SCOPES } from '../auth/management-scopes.ts';
import { createPrng } from '../prng.ts';
import type { PermissionRef, TenantSize } from '../tenant.ts';
import type { TenantState } from '../tenant-state.ts';
import { SEED_REFERENCE_MS } from './clock.ts';
import { seedClient, seedClients, seedConnections, seedResourceServers, seedRoles } from './seed-applications.ts';
import { seedDirectPermissions, seedRoleAssignments } from './seed-assignments.ts';
import { seedOrganizations } from './seed-organizations.ts';
import { countActiveUsers, seedDailyStats } from './seed-stats.ts';
import { seedUsers } from './seed-users.ts';

export const GRAPH_CLIENT_NAME = 'auth0-graph (reporting)';

/** Builds the whole tenant from a seed; the same seed and size always give the same records. */
export function seedTenant(seed: number, size: TenantSize, domain: string): TenantState {
  const prng = createPrng(seed);
  const referenceMs = SEED_REFERENCE_MS;
  const users = seedUsers(prng, size.users, referenceMs, createPrng(seed ^ 0x70c3e5));
  const resourceServers = seedResourceServers(prng, domain);
  const { roles, permissions } = seedRoles(prng, resourceServers);
  const clients = seedClients(prng, domain, Math.max(size.applications - 1, 0), referenceMs);
  const graphClient = seedClient(
    prng,
    domain,
    { name: GRAPH_CLIENT_NAME, app_type: 'non_interactive', firstParty: true },
    referenceMs - 5 * 86_400_000,
  );
  clients.push(graphClient);
  const connections = seedConnections(prng, clients);
  const orgs = seedOrganizations(prng, {
    count: size.organizations,
    largestMembers: size.largestOrganizationMembers,
    users,
    roles,
    clients,
    connections,
    referenceMs,
  });
  const catalogue: PermissionRef[] = [...permissions.values()].flat().filter(
    (p, i, all) => all.findIndex((q) => q.permission_name === p.permission_name) === i,
  );
  return {
    domain,
    users,
    organizations: orgs.organizations,
    members: orgs.members,
    roles,
    rolePermissions: permissions,
    roleUsers: seedRoleAssignments(prng, roles, users, referenceMs),
    userPermissions: seedDirectPermissions(prng, users, catalogue),
    resourceServers,
    clients,
    grants: [{ client_id: graphClient.client_id, scopes: [...DEFAULT_GRANTED_SCOPES], granted: true }],
    connections,
    orgConnections: orgs.orgConnections,
    invitations: orgs.invitations,
    dailyStats: seedDailyStats(prng, size.statsDays, size.users, referenceMs),
    activeUsers: countActiveUsers(users, referenceMs),
    settings: {
      friendly_name: 'Demo Tenant',
      picture_url: 'https://cdn.example.com/tenant.png',
      support_email: 'support@example.com',
      support_url: 'https://support.example.com',
      enabled_locales: ['en', 'fr', 'de'],
      session_lifetime: 168,
      idle_session_lifetime: 72,
      sandbox_version: '22',
      default_directory: 'Username-Password-Authentication',
      flags: { enable_client_connections: false, revoke_refresh_token_grant: false, disable_clickjack_protection_headers: false },
    },
  };
}
