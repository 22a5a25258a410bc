import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGraphHarness } from '../helpers/graph-harness.ts';
import type { GraphHarness, GraphResult } from '../helpers/graph-harness.ts';

/** Every root field and nested path of the contract (docs/schema.md#root-fields), against answers computed from the seeded tenant. */
let graph: GraphHarness;
beforeAll(async () => {
  graph = await startGraphHarness({
    simulator: { size: { users: 200, organizations: 12, largestOrganizationMembers: 60, applications: 4, statsDays: 10 } },
  });
});
afterAll(() => graph.close());
beforeEach(() => graph.sim.calls.clear());

function ok(result: GraphResult): Record<string, unknown> {
  expect(result.errors).toBeUndefined();
  return result.data as Record<string, unknown>;
}

const tenant = () => graph.sim.tenant;
const nodesOf = <T>(connection: unknown): T[] => (connection as { edges: { node: T }[] }).edges.map((edge) => edge.node);
const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

describe('users', () => {
  it('usersByEmail finds the exact address', async () => {
    const user = tenant().users[5];
    const data = ok(await graph.query('query($e: String!) { usersByEmail(email: $e) { userId email } }', { e: user?.email }));
    expect(data).toEqual({ usersByEmail: [{ userId: user?.user_id, email: user?.email }] });
  });

  it('usersByEmail returns every account of a shared address, whatever case the caller or the store uses', async () => {
    const byAddress = new Map<string, string[]>();
    for (const user of tenant().users) byAddress.set(user.email.toLowerCase(), [...(byAddress.get(user.email.toLowerCase()) ?? []), user.email]);
    const shared = [...byAddress.entries()].filter(([, stored]) => stored.length > 1);
    // One address shared as stored, one where the SAML account kept capitals the database account did not.
    expect(shared.map(([, stored]) => new Set(stored).size).sort()).toEqual([1, 2]);
    for (const [address, stored] of shared) {
      const expected = tenant().users.filter((u) => u.email.toLowerCase() === address).map((u) => u.user_id).sort();
      for (const asked of [address, address.toUpperCase(), ...stored]) {
        graph.sim.calls.clear();
        const data = ok(await graph.query('query($e: String!) { usersByEmail(email: $e) { userId } }', { e: asked }));
        expect((data.usersByEmail as { userId: string }[]).map((u) => u.userId).sort()).toEqual(expected);
        expect(graph.sim.calls.entries.map((call) => call.route).sort()).toEqual(['/users', '/users-by-email']);
      }
    }
  });

  it('users(email:) quotes the value so it cannot widen the search', async () => {
    const user = tenant().users[7];
    const exact = ok(await graph.query('query($e: String) { users(email: $e) { edges { node { userId } } } }', { e: user?.email }));
    expect(nodesOf(exact.users)).toEqual([{ userId: user?.user_id }]);
    const injected = ok(await graph.query('{ users(email: "x\\" OR email:*") { edges { node { userId } } } }'));
    expect(nodesOf(injected.users)).toEqual([]);
  });

  it('user fields map Auth0 profile fields, identities without tokens', async () => {
    const user = tenant().users[2];
    if (!user) throw new Error('seed');
    const data = ok(
      await graph.query(
        `query($id: String!) { user(userId: $id) { id userId email emailVerified name nickname picture createdAt updatedAt
          lastLogin loginsCount connection identities { connection provider userId isSocial } appMetadata userMetadata } }`,
        { id: user.user_id },
      ),
    );
    expect(data).toEqual({
      user: {
        id: globalId('User', user.user_id),
        userId: user.user_id,
        email: user.email,
        emailVerified: user.email_verified,
        name: user.name,
        nickname: user.nickname,
        picture: user.picture,
        createdAt: user.created_at,
        updatedAt: user.updated_at,
        lastLogin: user.last_login ?? null,
        loginsCount: user.logins_count ?? null,
        connection: user.identities[0]?.connection ?? null,
        identities: user.identities.map((identity) => ({
          connection: identity.connection,
          provider: identity.provider,
          userId: String(identity.user_id),
          isSocial: identity.isSocial,
        })),
        appMetadata: user.app_metadata ?? null,
        userMetadata: user.user_metadata ?? null,
      },
    });
  });

  it('user permissions list what was granted directly', async () => {
    const [userId, permissions] = [...tenant().userPermissions.entries()].find(([, list]) => list.length > 0) ?? [];
    if (!userId || !permissions) throw new Error('the seed grants no direct permissions');
    const data = ok(
      await graph.query('query($id: String!) { user(userId: $id) { permissions { totalCount edges { node { permissionName resourceServerIdentifier } } } } }', { id: userId }),
    );
    const connection = (data.user as { permissions: { totalCount: number } }).permissions;
    expect(connection.totalCount).toBe(permissions.length);
    expect(nodesOf(connection)).toEqual(
      permissions.map((p) => ({ permissionName: p.permission_name, resourceServerIdentifier: p.resource_server_identifier })),
    );
  });
});

describe('organizations and members', () => {
  it('organization(name:) reads the organization by name', async () => {
    const organization = tenant().organizations[1];
    const data = ok(
      await graph.query('query($n: String) { organization(name: $n) { organizationId name displayName branding { logoUrl } } }', { n: organization?.name }),
    );
    expect(data).toEqual({
      organization: {
        organizationId: organization?.id,
        name: organization?.name,
        displayName: organization?.display_name,
        branding: organization?.branding ? { logoUrl: organization.branding.logo_url ?? null } : null,
      },
    });
  });

  it('organization with both or neither argument is BAD_USER_INPUT; a missing one is null', async () => {
    const both = await graph.query('{ organization(organizationId: "org_x", name: "x") { name } }');
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await graph.query('{ organization(organizationId: "org_nope") { name } }');
    expect(missing).toEqual({ data: { organization: null } });
  });

  it('member.user costs nothing for the member fields; member.organization points back', async () => {
    const organization = tenant().organizations[0];
    const data = ok(
      await graph.query(
        'query($id: String!) { organization(organizationId: $id) { members(first: 5) { totalCount edges { node { user { userId email } organization { organizationId } } } } } }',
        { id: organization?.id },
      ),
    );
    const members = (tenant().members.get(organization?.id ?? '') ?? []).slice(0, 5);
    const usersById = new Map(tenant().users.map((user) => [user.user_id, user]));
    const connection = (data.organization as { members: { totalCount: number } }).members;
    expect(connection.totalCount).toBe(tenant().members.get(organization?.id ?? '')?.length);
    expect(nodesOf(connection)).toEqual(
      members.map((member) => ({
        user: { userId: member.user_id, email: usersById.get(member.user_id)?.email },
        organization: { organizationId: organization?.id },
      })),
    );
    expect(graph.sim.calls.count({ route: '/users' }) + graph.sim.calls.count({ route: '/users/{id}' })).toBe(0);
    expect(graph.sim.calls.count({ route: '/organizations/{id}' })).toBe(0);
  });

  it('members page by cursor with no duplicates and none missing', async () => {
    const organization = tenant().organizations[0];
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data = ok(
        await graph.query(
          'query($id: String!, $after: String) { organization(organizationId: $id) { members(first: 7, after: $after) { edges { node { userId } } pageInfo { hasNextPage endCursor } } } }',
          { id: organization?.id, after },
        ),
      );
      const members = (data.organization as { members: { pageInfo: { hasNextPage: boolean; endCursor: string } } }).members;
      seen.push(...nodesOf<{ userId: string }>(members).map((node) => node.userId));
      if (!members.pageInfo.hasNextPage) break;
      after = members.pageInfo.endCursor;
    }
    expect(seen).toEqual((tenant().members.get(organization?.id ?? '') ?? []).map((member) => member.user_id));
  });

  it('an exactly full last members page: hasNextPage is settled by totalCount when selected, else by one empty page', async () => {
    const organization = tenant().organizations[0];
    const count = tenant().members.get(organization?.id ?? '')?.length ?? 0;
    expect(count % 30).toBe(0);
    const page = async (after: string | null, withTotal: boolean) => {
      const data = ok(
        await graph.query(
          `query($id: String!, $after: String) { organization(organizationId: $id) { members(first: 30, after: $after) {
            ${withTotal ? 'totalCount' : ''} edges { node { userId } } pageInfo { hasNextPage endCursor } } } }`,
          { id: organization?.id, after },
        ),
      );
      return (data.organization as { members: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }).members;
    };
    let after: string | null = null;
    for (let read = 30; read < count; read += 30) after = (await page(after, false)).pageInfo.endCursor;

    graph.sim.calls.clear();
    const counted = await page(after, true);
    expect(counted.edges).toHaveLength(30);
    expect(counted.pageInfo.hasNextPage).toBe(false);
    expect(graph.sim.calls.count()).toBe(2);

    graph.sim.calls.clear();
    const uncounted = await page(after, false);
    expect(uncounted.pageInfo.hasNextPage).toBe(true);
    const beyond = await page(uncounted.pageInfo.endCursor, false);
    expect(beyond).toMatchObject({ edges: [], pageInfo: { hasNextPage: false } });
    expect(graph.sim.calls.count()).toBe(2);
  });

  it('enabled connections and invitations (never the invitation URL)', async () => {
    const [organizationId, invitations] = [...tenant().invitations.entries()].find(([, list]) => list.length > 0) ?? [];
    if (!organizationId || !invitations) throw new Error('the seed has no invitations');
    const enabled = tenant().orgConnections.get(organizationId) ?? [];
    const data = ok(
      await graph.query(
        `query($id: String!) { organization(organizationId: $id) {
          enabledConnections { edges { node { connectionId assignMembershipOnLogin connection { connectionId name strategy } } } }
          invitations { edges { node { invitationId inviteeEmail inviterName expiresAt } } } } }`,
        { id: organizationId },
      ),
    );
    const connectionsById = new Map(tenant().connections.map((connection) => [connection.id, connection]));
    const organization = data.organization as { enabledConnections: unknown; invitations: unknown };
    expect(nodesOf(organization.enabledConnections)).toEqual(
      enabled.map((entry) => ({
        connectionId: entry.connection_id,
        assignMembershipOnLogin: entry.assign_membership_on_login,
        connection: {
          connectionId: entry.connection_id,
          name: connectionsById.get(entry.connection_id)?.name,
          strategy: connectionsById.get(entry.connection_id)?.strategy,
        },
      })),
    );
    expect(new Set(nodesOf<{ invitationId: string }>(organization.invitations).map((node) => node.invitationId))).toEqual(
      new Set(invitations.map((invitation) => invitation.id)),
    );
    const invitationCall = graph.sim.calls.entries.find((call) => call.route === '/organizations/{id}/invitations');
    expect(String(invitationCall?.query['fields'])).not.toMatch(/invitation_url|ticket_id/);
    expect(JSON.stringify(data)).not.toMatch(/ticket|https?:\/\/[^"]*invitation/);
  });
});

describe('roles, clients, connections, stats, node', () => {
  it('roles, role(roleId:), its permissions and users', async () => {
    const roles = ok(await graph.query('{ roles(first: 100) { totalCount edges { node { roleId name description } } } }'));
    expect((roles.roles as { totalCount: number }).totalCount).toBe(tenant().roles.length);
    expect(nodesOf(roles.roles)).toEqual(tenant().roles.map((role) => ({ roleId: role.id, name: role.name, description: role.description })));
    const [roleId, assignments] = [...tenant().roleUsers.entries()].find(([, list]) => list.length > 0) ?? [];
    if (!roleId || !assignments) throw new Error('the seed assigns no roles');
    const data = ok(
      await graph.query(
        'query($id: String!) { role(roleId: $id) { roleId permissions { edges { node { permissionName } } } users(first: 100) { totalCount edges { node { userId } } } } }',
        { id: roleId },
      ),
    );
    const role = data.role as { permissions: unknown; users: { totalCount: number } };
    expect(nodesOf(role.permissions)).toEqual((tenant().rolePermissions.get(roleId) ?? []).map((p) => ({ permissionName: p.permission_name })));
    expect(role.users.totalCount).toBe(assignments.length);
    expect(nodesOf(role.users)).toEqual(assignments.slice(0, 100).map((assignment) => ({ userId: assignment.user_id })));
  });

  it('clients never carry secrets, and filter by app type', async () => {
    const data = ok(await graph.query('{ clients(first: 100) { totalCount edges { node { clientId name appType isFirstParty callbacks } } } }'));
    expect((data.clients as { totalCount: number }).totalCount).toBe(tenant().clients.length);
    expect(nodesOf(data.clients)).toEqual(
      tenant().clients.map((client) => ({ clientId: client.client_id, name: client.name, appType: client.app_type, isFirstParty: client.is_first_party, callbacks: client.callbacks })),
    );
    for (const call of graph.sim.calls.entries) expect(String(call.query['fields'])).not.toMatch(/secret|signing_keys|encryption_key|addons/);
    const spa = ok(await graph.query('{ clients(appType: ["spa"]) { edges { node { appType } } } }'));
    expect(nodesOf<{ appType: string }>(spa.clients).every((node) => node.appType === 'spa')).toBe(true);
    const one = tenant().clients[0];
    const single = ok(await graph.query('query($id: String!) { client(clientId: $id) { clientId name } }', { id: one?.client_id }));
    expect(single).toEqual({ client: { clientId: one?.client_id, name: one?.name } });
  });

  it('identity connections, never their options', async () => {
    const data = ok(await graph.query('{ identityConnections(first: 100) { edges { node { connectionId name strategy } } } }'));
    expect(nodesOf(data.identityConnections)).toEqual(
      tenant().connections.map((connection) => ({ connectionId: connection.id, name: connection.name, strategy: connection.strategy })),
    );
    const first = tenant().connections[0];
    const single = ok(await graph.query('query($id: String!) { identityConnection(connectionId: $id) { name realms } }', { id: first?.id }));
    expect(single).toEqual({ identityConnection: { name: first?.name, realms: first?.realms } });
  });

  it('tenant stats', async () => {
    const days = tenant().dailyStats;
    const from = days[0]?.date.slice(0, 10) ?? '';
    const to = days.at(-1)?.date.slice(0, 10) ?? '';
    const data = ok(await graph.query('query($f: Date!, $t: Date!) { tenantStats { activeUsers daily(from: $f, to: $t) { date logins signups } } }', { f: from, t: to }));
    expect(data).toEqual({
      tenantStats: { activeUsers: tenant().activeUsers, daily: days.map((day) => ({ date: day.date, logins: day.logins, signups: day.signups })) },
    });
  });

  it('node(id:) resolves every node type from its global id', async () => {
    const user = tenant().users[0];
    const organization = tenant().organizations[0];
    const role = tenant().roles[0];
    const data = ok(
      await graph.query(
        `query($u: ID!, $o: ID!, $r: ID!) {
          u: node(id: $u) { __typename ... on User { userId } }
          o: node(id: $o) { __typename ... on Organization { organizationId } }
          r: node(id: $r) { __typename ... on Role { roleId } } }`,
        { u: globalId('User', user?.user_id ?? ''), o: globalId('Organization', organization?.id ?? ''), r: globalId('Role', role?.id ?? '') },
      ),
    );
    expect(data).toEqual({
      u: { __typename: 'User', userId: user?.user_id },
      o: { __typename: 'Organization', organizationId: organization?.id },
      r: { __typename: 'Role', roleId: role?.id },
    });
  });
});

describe('cost report and errors', () => {
  it('x-auth0-graph-debug: 1 lists the upstream calls', async () => {
    const result = await graph.query('{ organizations(first: 2) { edges { node { organizationId } } } }', undefined, { 'x-auth0-graph-debug': '1' });
    expect(result.extensions?.['upstream']).toMatchObject({
      calls: 1,
      entries: [{ route: '/organizations', group: 'organizations', status: 200, cached: false }],
    });
    const plain = await graph.query('{ organizations(first: 2) { edges { node { organizationId } } } }');
    expect(plain.extensions).toBeUndefined();
  });
});

describe('usersByEmail right after a sign-up', () => {
  let fresh: GraphHarness;
  beforeAll(async () => {
    // The search index lags a minute behind writes; /users-by-email does not.
    fresh = await startGraphHarness({ simulator: { size: { users: 20, organizations: 2, largestOrganizationMembers: 5 }, indexingDelayMs: 60_000 } });
  });
  afterAll(() => fresh.close());

  it('finds a database account at once, asked in any case', async () => {
    const user = fresh.sim.createUser({ email: 'New.Person@Example.com' });
    expect(user.email).toBe('new.person@example.com');
    const result = await fresh.query('query($e: String!) { usersByEmail(email: $e) { userId email } }', { e: 'NEW.Person@example.COM' });
    expect(result).toEqual({ data: { usersByEmail: [{ userId: user.user_id, email: 'new.person@example.com' }] } });
  });
});
