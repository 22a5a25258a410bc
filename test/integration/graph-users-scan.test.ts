import { afterAll, beforeAll, expect, it } from 'vitest';
import { startGraphHarness } from '../helpers/graph-harness.ts';
import type { GraphHarness } from '../helpers/graph-harness.ts';

/** Issue 4's full scan: every cursor of a 2,500-user tenant, past Auth0's 1,000-match search cap. */
let graph: GraphHarness;
beforeAll(async () => {
  graph = await startGraphHarness({
    simulator: { size: { users: 2500, organizations: 2, largestOrganizationMembers: 10, applications: 2, statsDays: 2 } },
  });
});
afterAll(() => graph.close());

interface Page {
  users: { totalCount: number; edges: { node: { userId: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
}

it.each([['CREATED_AT_ASC'], ['CREATED_AT_DESC']])('users(first: 100, sort: %s) returns all 2,500 users in 25 calls', async (sort) => {
  graph.sim.calls.clear();
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const result = await graph.query(
      'query($after: String, $sort: UserSort) { users(first: 100, after: $after, sort: $sort) { totalCount edges { node { userId } } pageInfo { hasNextPage endCursor } } }',
      { after, sort },
    );
    expect(result.errors).toBeUndefined();
    const page = result.data as unknown as Page;
    expect(page.users.totalCount).toBe(2500);
    seen.push(...page.users.edges.map((edge) => edge.node.userId));
    if (!page.users.pageInfo.hasNextPage) break;
    after = page.users.pageInfo.endCursor;
  }
  const ordered = [...graph.sim.tenant.users].sort((a, b) => a.created_at.localeCompare(b.created_at));
  const expected = ordered.map((user) => user.user_id);
  expect(new Set(seen).size).toBe(seen.length);
  expect(new Set(seen)).toEqual(new Set(expected));
  expect(graph.sim.calls.count({ route: '/users' })).toBe(25);
  expect(graph.sim.calls.count()).toBe(25);
});
