import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGraphHarness } from '../helpers/graph-harness.ts';
import type { GraphHarness, GraphResult } from '../helpers/graph-harness.ts';

/** Profile reads ask Auth0 for the fields the operation selects on User, anywhere in it, and no others. */
let graph: GraphHarness;
beforeAll(async () => {
  graph = await startGraphHarness();
});
afterAll(() => graph.close());
beforeEach(() => graph.sim.calls.clear());

const tenant = () => graph.sim.tenant;
const userOf = (userId: string) => tenant().users.find((user) => user.user_id === userId);
const fieldsAsked = () => graph.sim.calls.entries.map((call) => [call.route, call.query['fields']]);

function ok(result: GraphResult): Record<string, unknown> {
  expect(result.errors).toBeUndefined();
  return result.data as Record<string, unknown>;
}

describe('profile fields asked of Auth0', () => {
  it('an enriched roster asks the search for the two selected fields and the id', async () => {
    const organization = tenant().organizations[0];
    ok(
      await graph.query(
        'query($id: String!) { organization(organizationId: $id) { members(first: 5) { edges { node { email roles { name } user { lastLogin loginsCount } } } } } }',
        { id: organization?.id },
      ),
    );
    expect(fieldsAsked()).toEqual([
      ['/organizations/{id}/members', 'user_id,email,roles'],
      ['/users', 'user_id,last_login,logins_count'],
    ]);
  });

  it('a members page asks for the member fields the selection reads: user_id and roles for ids and roles', async () => {
    const organization = tenant().organizations[0];
    const members = (tenant().members.get(organization?.id ?? '') ?? []).slice(0, 4);
    const data = ok(
      await graph.query('query($id: String!) { organization(organizationId: $id) { members(first: 4) { edges { node { userId roles { name } } } } } }', {
        id: organization?.id,
      }),
    );
    expect(fieldsAsked()).toEqual([['/organizations/{id}/members', 'user_id,roles']]);
    const nodes = (data.organization as { members: { edges: { node: { userId: string; roles: unknown[] } }[] } }).members.edges.map((edge) => edge.node);
    expect(nodes.map((node) => node.userId)).toEqual(members.map((member) => member.user_id));
    expect(nodes.map((node) => node.roles.length)).toEqual(members.map((member) => member.role_ids.length));
  });

  it("a member's user answered from the members page asks the page for what the user's fields read there", async () => {
    const organization = tenant().organizations[0];
    const members = (tenant().members.get(organization?.id ?? '') ?? []).slice(0, 3);
    const data = ok(
      await graph.query(
        'query($id: String!) { organization(organizationId: $id) { members(first: 3) { edges { node { picture user { userId name } } } } } }',
        { id: organization?.id },
      ),
    );
    expect(fieldsAsked()).toEqual([['/organizations/{id}/members', 'user_id,name,picture']]);
    const nodes = (data.organization as { members: { edges: { node: { user: unknown } }[] } }).members.edges.map((edge) => edge.node.user);
    expect(nodes).toEqual(members.map((member) => ({ userId: member.user_id, name: userOf(member.user_id)?.name ?? null })));
  });

  it('every profile read of one request asks for the union of the fields selected on any path', async () => {
    const organization = tenant().organizations[0];
    const members = (tenant().members.get(organization?.id ?? '') ?? []).slice(0, 3);
    const other = tenant().users.find((user) => !members.some((member) => member.user_id === user.user_id) && user.app_metadata !== undefined);
    const data = ok(
      await graph.query(
        `query($org: String!, $user: String!) {
          organization(organizationId: $org) { members(first: 3) { edges { node { user { userId lastLogin } } } } }
          user(userId: $user) { userId appMetadata identities { provider } }
        }`,
        { org: organization?.id, user: other?.user_id },
      ),
    );
    const expectedFields = 'user_id,last_login,identities,app_metadata';
    // The two roots run concurrently, so their calls come in either order.
    expect(fieldsAsked().sort()).toEqual([
      ['/organizations/{id}/members', 'user_id'],
      ['/users', expectedFields],
      ['/users/{id}', expectedFields],
    ]);
    const edges = (data.organization as { members: { edges: { node: { user: unknown } }[] } }).members.edges;
    expect(edges.map((edge) => edge.node.user)).toEqual(
      members.map((member) => ({ userId: member.user_id, lastLogin: userOf(member.user_id)?.last_login ?? null })),
    );
    expect(data.user).toEqual({
      userId: other?.user_id,
      appMetadata: other?.app_metadata,
      identities: other?.identities.map((identity) => ({ provider: identity.provider })),
    });
  });

  it('a users listing also asks for created_at, which its cursor windows on', async () => {
    const data = ok(await graph.query('{ users(first: 3) { edges { node { userId email } } pageInfo { endCursor } } }'));
    expect(fieldsAsked()).toEqual([['/users', 'user_id,email,created_at']]);
    const nodes = (data.users as { edges: { node: { userId: string; email: string } }[] }).edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(3);
    for (const node of nodes) expect(node.email).toBe(userOf(node.userId)?.email);
  });

  it('usersByEmail asks for what its selection reads', async () => {
    const user = tenant().users[4];
    const data = ok(await graph.query('query($e: String!) { usersByEmail(email: $e) { userId blocked } }', { e: user?.email }));
    expect(data).toEqual({ usersByEmail: [{ userId: user?.user_id, blocked: user?.blocked ?? null }] });
    expect(fieldsAsked().sort()).toEqual([['/users', 'user_id,blocked'], ['/users-by-email', 'user_id,blocked']]);
  });
});
