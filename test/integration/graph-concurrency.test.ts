import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphHarness } from '../helpers/graph-harness.ts';
import type { GraphHarness } from '../helpers/graph-harness.ts';

/**
 * Independent upstream calls of one query are in flight together. With 300 ms injected upstream latency, a
 * call sent only after another's answer would reach the simulator at least 300 ms after it; these all arrive
 * before the first could have been answered.
 */
const LATENCY_MS = 300;
let graph: GraphHarness;
beforeAll(async () => {
  graph = await startGraphHarness({ simulator: { latencyMs: LATENCY_MS } });
});
afterAll(() => graph.close());

describe('concurrency', () => {
  it("profile: the user, their organizations and their roles are asked for together, in 3 calls", async () => {
    const organization = graph.sim.tenant.organizations[0];
    const userId = graph.sim.tenant.members.get(organization?.id ?? '')?.[0]?.user_id ?? '';
    await graph.query('{ roles(first: 1) { edges { cursor } } }');
    graph.sim.calls.clear();
    const result = await graph.query(
      'query($id: String!) { user(userId: $id) { email organizations { edges { node { name } } } roles { totalCount edges { node { name } } } } }',
      { id: userId },
    );
    expect(result.errors).toBeUndefined();
    const calls = graph.sim.calls.entries;
    expect(calls.map((call) => call.route).sort()).toEqual(['/users/{id}', '/users/{id}/organizations', '/users/{id}/roles']);
    const arrivals = calls.map((call) => call.at);
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(LATENCY_MS);
  });

  it('a user that does not exist is null even though its lists were started beside it', async () => {
    const result = await graph.query('{ user(userId: "auth0|nobody") { userId organizations { edges { cursor } } } }');
    expect(result).toEqual({ data: { user: null } });
  });
});
