import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGraphHarness } from '../helpers/graph-harness.ts';
import type { GraphHarness, GraphResult } from '../helpers/graph-harness.ts';

/** The canonical dashboard queries of issue 4, each with the exact number of upstream calls it may cost. */
let graph: GraphHarness;
beforeAll(async () => {
  graph = await startGraphHarness({
    simulator: { size: { users: 300, organizations: 8, largestOrganizationMembers: 120, applications: 3, statsDays: 5 } },
  });
});
afterAll(() => graph.close());
beforeEach(() => graph.sim.calls.clear());

function ok(result: GraphResult): Record<string, unknown> {
  expect(result.errors).toBeUndefined();
  return result.data as Record<string, unknown>;
}

function largestOrganization() {
  const organization = graph.sim.tenant.organizations[0];
  if (!organization) throw new Error('seed has no organization');
  return { organization, members: graph.sim.tenant.members.get(organization.id) ?? [] };
}

describe('canonical queries', () => {
  it('seats: organizations(first: 50) { memberCount } costs 1 + one per organization', async () => {
    const data = ok(await graph.query('{ organizations(first: 50) { edges { node { organizationId name memberCount } } } }'));
    const expected = graph.sim.tenant.organizations.map((organization) => ({
      node: { organizationId: organization.id, name: organization.name, memberCount: graph.sim.tenant.members.get(organization.id)?.length ?? 0 },
    }));
    expect(data).toEqual({ organizations: { edges: expected } });
    expect(graph.sim.calls.count()).toBe(1 + graph.sim.tenant.organizations.length);
  });

  it('roster: members with email and roles costs one members call', async () => {
    const { organization, members } = largestOrganization();
    const data = ok(
      await graph.query(
        'query($id: String!) { organization(organizationId: $id) { members(first: 100) { edges { node { userId email roles { name } } } } } }',
        { id: organization.id },
      ),
    );
    const usersById = new Map(graph.sim.tenant.users.map((user) => [user.user_id, user]));
    const rolesById = new Map(graph.sim.tenant.roles.map((role) => [role.id, role]));
    const expected = members.slice(0, 100).map((member) => ({
      node: {
        userId: member.user_id,
        email: usersById.get(member.user_id)?.email ?? null,
        roles: member.role_ids.map((roleId) => ({ name: rolesById.get(roleId)?.name })),
      },
    }));
    expect(data).toEqual({ organization: { members: { edges: expected } } });
    expect(graph.sim.calls.entries.map((call) => call.route)).toEqual(['/organizations/{id}/members']);
    expect(graph.sim.calls.entries[0]?.query['fields']).toContain('roles');
  });

  it('enriched roster: the same plus user { lastLogin loginsCount } costs 2', async () => {
    const { organization, members } = largestOrganization();
    const data = ok(
      await graph.query(
        'query($id: String!) { organization(organizationId: $id) { members(first: 100) { edges { node { userId email roles { name } user { lastLogin loginsCount } } } } } }',
        { id: organization.id },
      ),
    );
    const usersById = new Map(graph.sim.tenant.users.map((user) => [user.user_id, user]));
    const edges = (data as { organization: { members: { edges: { node: { userId: string; user: unknown } }[] } } }).organization.members.edges;
    expect(edges).toHaveLength(Math.min(100, members.length));
    for (const edge of edges) {
      const user = usersById.get(edge.node.userId);
      expect(edge.node.user).toEqual({ lastLogin: user?.last_login ?? null, loginsCount: user?.logins_count ?? null });
    }
    expect(graph.sim.calls.entries.map((call) => call.route).sort()).toEqual(['/organizations/{id}/members', '/users']);
  });

  it('enrichment: 50 user(userId:) aliases cost one search', async () => {
    const users = graph.sim.tenant.users.slice(100, 150);
    const document = `{ ${users.map((user, index) => `u${index}: user(userId: ${JSON.stringify(user.user_id)}) { userId email }`).join(' ')} }`;
    const data = ok(await graph.query(document));
    expect(data).toEqual(Object.fromEntries(users.map((user, index) => [`u${index}`, { userId: user.user_id, email: user.email }])));
    expect(graph.sim.calls.entries.map((call) => call.route)).toEqual(['/users']);
  });

  it('profile: user { organizations roles } costs 3', async () => {
    const { members } = largestOrganization();
    const userId = members[0]?.user_id ?? '';
    const data = ok(
      await graph.query(
        'query($id: String!) { user(userId: $id) { userId organizations { edges { node { organizationId } } } roles { edges { node { roleId name } } } } }',
        { id: userId },
      ),
    );
    const organizations = graph.sim.tenant.organizations.filter((organization) =>
      (graph.sim.tenant.members.get(organization.id) ?? []).some((member) => member.user_id === userId),
    );
    const roles = graph.sim.tenant.roles.filter((role) => (graph.sim.tenant.roleUsers.get(role.id) ?? []).some((a) => a.user_id === userId));
    expect(data).toEqual({
      user: {
        userId,
        organizations: { edges: organizations.map((organization) => ({ node: { organizationId: organization.id } })) },
        roles: { edges: roles.map((role) => ({ node: { roleId: role.id, name: role.name } })) },
      },
    });
    expect(graph.sim.calls.count()).toBe(3);
  });
});
