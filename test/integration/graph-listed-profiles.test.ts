import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGraphHarness } from '../helpers/graph-harness.ts';
import type { GraphHarness, GraphResult } from '../helpers/graph-harness.ts';

/**
 * Listed users (organization members, role users) carry four fields; profile fields beyond them are read in
 * one search per page, as soon as the page arrives, and the failure of that search stays on those fields.
 */
let graph: GraphHarness;
beforeAll(async () => {
  graph = await startGraphHarness();
});
afterAll(() => graph.close());
beforeEach(() => {
  graph.sim.faults.reset();
  graph.sim.calls.clear();
});

const tenant = () => graph.sim.tenant;
const nodesOf = <T>(connection: unknown): T[] => (connection as { edges: { node: T }[] }).edges.map((edge) => edge.node);
const userOf = (userId: string) => tenant().users.find((user) => user.user_id === userId);
const ids = (search: unknown) => [...String(search).matchAll(/"([^"]+)"/g)].map((match) => match[1]);

function ok(result: GraphResult): Record<string, unknown> {
  expect(result.errors).toBeUndefined();
  return result.data as Record<string, unknown>;
}

const MEMBERS = `query($id: String!) { organization(organizationId: $id) { members(first: 6) { edges { node {
  userId roles { name } user { userId lastLogin loginsCount } } } } } }`;

describe('members with profile fields', () => {
  it('read every member profile in one search after the members page, with exact data', async () => {
    const organization = tenant().organizations[0];
    const data = ok(await graph.query(MEMBERS, { id: organization?.id }));
    const members = (tenant().members.get(organization?.id ?? '') ?? []).slice(0, 6);
    expect(nodesOf<{ user: unknown }>((data.organization as { members: unknown }).members).map((node) => node.user)).toEqual(
      members.map((member) => {
        const user = userOf(member.user_id);
        return { userId: member.user_id, lastLogin: user?.last_login ?? null, loginsCount: user?.logins_count ?? null };
      }),
    );
    expect(graph.sim.calls.entries.map((call) => call.route)).toEqual(['/organizations/{id}/members', '/users']);
    expect(ids(graph.sim.calls.entries[1]?.query['q'])).toEqual(members.map((member) => member.user_id));
  });

  it('read no profile when `user` is excluded by a directive, and still answer it when included', async () => {
    const organization = tenant().organizations[0];
    const guardedUser = `query($id: String!, $with: Boolean!) { organization(organizationId: $id) { members(first: 6) { edges { node {
      userId user @include(if: $with) { lastLogin } } } } } }`;
    const skipped = ok(await graph.query(guardedUser, { id: organization?.id, with: false }));
    expect(nodesOf<{ user?: unknown }>((skipped.organization as { members: unknown }).members).every((node) => node.user === undefined)).toBe(true);
    expect(graph.sim.calls.count()).toBe(1);

    graph.sim.calls.clear();
    const guarded = `query($id: String!, $with: Boolean!) { organization(organizationId: $id) { members(first: 6) { edges { node {
      userId user { userId lastLogin @include(if: $with) } } } } } }`;
    const included = ok(await graph.query(guarded, { id: organization?.id, with: true }));
    const first = nodesOf<{ userId: string; user: { lastLogin: string | null } }>((included.organization as { members: unknown }).members)[0];
    expect(first?.user.lastLogin).toBe(userOf(first?.userId ?? '')?.last_login ?? null);
    expect(graph.sim.calls.entries.map((call) => call.route)).toEqual(['/organizations/{id}/members', '/users']);
  });

  it('keep the members when the profile search fails: the error is on the profile fields alone', async () => {
    const organization = tenant().organizations[0];
    graph.sim.faults.searchTimeout = true;
    const result = await graph.query(MEMBERS, { id: organization?.id });
    const members = (tenant().members.get(organization?.id ?? '') ?? []).slice(0, 6);
    const nodes = nodesOf<{ userId: string; user: { userId: string; lastLogin: null; loginsCount: null } }>(
      (result.data?.organization as { members: unknown }).members,
    );
    expect(nodes.map((node) => node.userId)).toEqual(members.map((member) => member.user_id));
    expect(nodes.map((node) => node.user)).toEqual(members.map((member) => ({ userId: member.user_id, lastLogin: null, loginsCount: null })));
    expect(result.errors).toHaveLength(12);
    for (const error of result.errors ?? []) {
      expect(error.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(error.path?.slice(-2)).toEqual(['user', expect.stringMatching(/^(lastLogin|loginsCount)$/)]);
    }
    // The fields that failed hold the batch's error: no second search. One search (with its retries) costs:
    const searches = graph.sim.calls.count({ route: '/users' });
    graph.sim.calls.clear();
    const [a, b] = members;
    await graph.query('query($a: String!, $b: String!) { a: user(userId: $a) { lastLogin } b: user(userId: $b) { lastLogin } }', { a: a?.user_id, b: b?.user_id });
    expect(searches).toBe(graph.sim.calls.count({ route: '/users' }));
  });
});

describe('role users with profile fields', () => {
  it('read the page of profiles in one search', async () => {
    const [roleId, assignments] = [...tenant().roleUsers.entries()].find(([, list]) => list.length >= 3) ?? [];
    const data = ok(
      await graph.query('query($id: String!) { role(roleId: $id) { users(first: 3) { edges { node { userId email lastLogin } } } } }', { id: roleId }),
    );
    const expected = (assignments ?? []).slice(0, 3).map((assignment) => {
      const user = userOf(assignment.user_id);
      return { userId: assignment.user_id, email: user?.email ?? null, lastLogin: user?.last_login ?? null };
    });
    expect(nodesOf((data.role as { users: unknown }).users)).toEqual(expected);
    expect(graph.sim.calls.entries.map((call) => call.route)).toEqual(['/roles/{id}', '/roles/{id}/users', '/users']);
  });

  it('read none when only listed fields are selected', async () => {
    const [roleId] = [...tenant().roleUsers.entries()].find(([, list]) => list.length >= 3) ?? [];
    ok(await graph.query('query($id: String!) { role(roleId: $id) { users(first: 3) { edges { node { userId email name picture } } } } }', { id: roleId }));
    expect(graph.sim.calls.entries.map((call) => call.route)).toEqual(['/roles/{id}', '/roles/{id}/users']);
  });
});
