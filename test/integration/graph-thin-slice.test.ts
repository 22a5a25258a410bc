import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGraphHarness } from '../helpers/graph-harness.ts';
import type { GraphHarness } from '../helpers/graph-harness.ts';

let graph: GraphHarness;
beforeAll(async () => {
  graph = await startGraphHarness();
});
afterAll(() => graph.close());
beforeEach(() => graph.sim.calls.clear());

describe('user(userId:)', () => {
  it('answers the profile from one GET /users/{id}', async () => {
    const user = graph.sim.tenant.users[3];
    if (!user) throw new Error('seed too small');
    const result = await graph.query('query($id: String!) { user(userId: $id) { userId email name createdAt } }', { id: user.user_id });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ user: { userId: user.user_id, email: user.email, name: user.name, createdAt: user.created_at } });
    expect(graph.sim.calls.entries.map((call) => call.route)).toEqual(['/users/{id}']);
  });

  it('is null for an id that does not exist', async () => {
    const result = await graph.query('{ user(userId: "auth0|nobody") { userId } }');
    expect(result).toEqual({ data: { user: null } });
  });

  it('reaches nothing else through a path-like id', async () => {
    const result = await graph.query('{ a: user(userId: "../clients") { userId } b: user(userId: "..") { userId } }');
    expect(result.data).toEqual({ a: null, b: null });
    expect(graph.sim.calls.entries.every((call) => call.route === '/users/{id}' || call.route === '/users')).toBe(true);
  });
});

describe('organizations(first:, after:)', () => {
  it('pages through every organization with opaque cursors, one call per page', async () => {
    const expected = graph.sim.tenant.organizations.map((organization) => organization.id);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const result = await graph.query(
        'query($after: String) { organizations(first: 4, after: $after) { edges { node { organizationId name } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      expect(result.errors).toBeUndefined();
      const connection = (result.data as { organizations: { edges: { node: { organizationId: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }).organizations;
      seen.push(...connection.edges.map((edge) => edge.node.organizationId));
      pages += 1;
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    expect(graph.sim.calls.count({ route: '/organizations' })).toBe(pages);
  });

  it('refuses first over 100 and a cursor from another field', async () => {
    const tooMany = await graph.query('{ organizations(first: 101) { edges { cursor } } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const roles = await graph.query('{ roles(first: 1) { edges { cursor } } }');
    const foreign = (roles.data as { roles: { edges: { cursor: string }[] } }).roles.edges[0]?.cursor;
    const wrong = await graph.query('query($c: String) { organizations(after: $c) { edges { cursor } } }', { c: foreign });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
