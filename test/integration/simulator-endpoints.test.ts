import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GRANTED_SCOPES } from '../../src/simulator/auth/management-scopes.ts';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ size: { users: 400, organizations: 10, largestOrganizationMembers: 60 } });
});
afterAll(() => sim.close());

async function get(path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sim.url}/api/v2${path}`, { headers: { authorization: `Bearer ${sim.issueToken([...DEFAULT_GRANTED_SCOPES, 'read:client_keys'])}` } });
  return { status: res.status, body: await res.json() };
}

const userWithRoles = (): string => {
  const holder = [...sim.tenant.roleUsers.values()].flat()[0];
  return encodeURIComponent(holder?.user_id ?? '');
};

describe('read endpoints', () => {
  it('decodes percent-encoded ids and answers user relations in their envelopes', async () => {
    const roles = (await get(`/users/${userWithRoles()}/roles?include_totals=true`)).body as Record<string, unknown>;
    expect(Object.keys(roles).sort()).toEqual(['limit', 'roles', 'start', 'total']);
    expect(roles.total).toBeGreaterThan(0);
    const permissions = (await get(`/users/${userWithRoles()}/permissions`)).body as { sources: { source_type: string }[] }[];
    expect(permissions.length).toBeGreaterThan(0);
    expect(permissions.every((p) => p.sources.length > 0)).toBe(true);
    const member = sim.tenant.members.get(sim.tenant.organizations[0]?.id ?? '')?.[0];
    const orgs = (await get(`/users/${encodeURIComponent(member?.user_id ?? '')}/organizations`)).body as { id: string }[];
    expect(orgs.map((o) => o.id)).toContain(sim.tenant.organizations[0]?.id);
  });

  it('finds organizations by id and by name, and member roles', async () => {
    const org = sim.tenant.organizations[2];
    expect((await get(`/organizations/name/${org?.name}`)).body).toEqual(org);
    expect((await get(`/organizations/${org?.id}`)).body).toEqual(org);
    const member = sim.tenant.members.get(sim.tenant.organizations[0]?.id ?? '')?.find((m) => m.role_ids.length > 0);
    const roles = (await get(`/organizations/${sim.tenant.organizations[0]?.id}/members/${encodeURIComponent(member?.user_id ?? '')}/roles`)).body as { id: string }[];
    expect(roles.map((r) => r.id)).toEqual(member?.role_ids);
  });

  it('lists enabled connections with their connection summary', async () => {
    const org = sim.tenant.organizations[0]?.id ?? '';
    const body = (await get(`/organizations/${org}/enabled_connections?include_totals=true`)).body as {
      enabled_connections: { connection: { name: string } }[];
      limit: number;
      total: number;
    };
    expect(body.total).toBe(sim.tenant.orgConnections.get(org)?.length);
    expect(body.limit).toBe(body.enabled_connections.length);
    expect(body.enabled_connections.every((c) => c.connection.name !== '')).toBe(true);
  });

  it('answers roles, role users (checkpoint) and role permissions', async () => {
    const member = sim.tenant.roles.find((r) => r.name === 'member');
    const first = (await get(`/roles/${member?.id}/users?take=10`)).body as { users: { user_id: string }[]; next?: string };
    expect(first.users.map((u) => u.user_id)).toEqual(sim.tenant.roleUsers.get(member?.id ?? '')?.slice(0, 10).map((a) => a.user_id));
    const perms = (await get(`/roles/${member?.id}/permissions`)).body as { permission_name: string; resource_server_name: string }[];
    expect(perms.length).toBe(sim.tenant.rolePermissions.get(member?.id ?? '')?.length);
    expect((await get('/roles?name_filter=BILLING')).body).toHaveLength(2);
  });

  it('resolves a resource server by id or by audience', async () => {
    const api = sim.tenant.resourceServers[1];
    expect(((await get(`/resource-servers/${api?.id}`)).body as { id: string }).id).toBe(api?.id);
    expect(((await get(`/resource-servers/${encodeURIComponent(api?.identifier ?? '')}`)).body as { id: string }).id).toBe(api?.id);
  });

  it('answers connections, connection clients and a single connection with enabled_clients', async () => {
    const connection = sim.tenant.connections[0];
    const one = (await get(`/connections/${connection?.id}`)).body as { enabled_clients: string[] };
    expect(one.enabled_clients).toEqual(connection?.enabled_clients);
    const listed = (await get('/connections?strategy=auth0')).body as { name: string; enabled_clients?: unknown }[];
    expect(listed.map((c) => c.name)).toEqual(['Username-Password-Authentication']);
    expect(listed[0]).not.toHaveProperty('enabled_clients');
    const clients = (await get(`/connections/${connection?.id}/clients`)).body as { clients: { client_id: string }[] };
    expect(clients.clients.map((c) => c.client_id)).toEqual(connection?.enabled_clients);
  });

  it('answers stats as a bare number and a bare array, and tenant settings', async () => {
    expect((await get('/stats/active-users')).body).toBe(sim.tenant.activeUsers);
    const daily = (await get('/stats/daily')).body as { date: string }[];
    expect(daily).toHaveLength(sim.tenant.dailyStats.length);
    const from = (sim.tenant.dailyStats.at(-5)?.date ?? '').slice(0, 10).replaceAll('-', '');
    expect(((await get(`/stats/daily?from=${from}`)).body as unknown[]).length).toBe(5);
    expect((await get('/tenants/settings?fields=friendly_name')).body).toEqual({ friendly_name: 'Demo Tenant' });
  });

  it('sends the per-resource 404 bodies', async () => {
    expect((await get('/users/auth0%7Cnope')).body).toEqual({ statusCode: 404, error: 'Not Found', message: 'The user does not exist.', errorCode: 'inexistent_user' });
    expect((await get('/roles/rol_nope')).body).toEqual({ statusCode: 404, error: 'Not Found', message: 'The role does not exist.' });
    expect((await get('/organizations/name/nope')).body).toEqual({ statusCode: 404, error: 'Not Found', message: 'No organization found by that id or name' });
    expect((await get('/connections/con_nope')).body).toMatchObject({ message: 'The connection does not exist', errorCode: 'inexistent_connection' });
    const org = sim.tenant.organizations[0]?.id;
    expect((await get(`/organizations/${org}/invitations/uinv_nope`)).body).toMatchObject({ message: 'The invitation does not exist.', errorCode: 'inexistent_invitation' });
    expect((await get('/clients/nope')).status).toBe(404);
  });

  it('routes a trailing slash or an empty segment to the generic 404, as Auth0 does', async () => {
    const role = sim.tenant.roles[0]?.id ?? '';
    expect((await get('/roles')).status).toBe(200);
    for (const path of ['/roles/', '//roles', `/roles//users`, `/roles/${role}/`, `/roles/${role}//users`, '/']) {
      expect(await get(path)).toEqual({ status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Not Found' } });
    }
  });
});
