import { afterAll, beforeAll, expect, it } from 'vitest';
import { startGraphHarness } from '../helpers/graph-harness.ts';
import type { GraphHarness } from '../helpers/graph-harness.ts';

let graph: GraphHarness;
beforeAll(async () => {
  graph = await startGraphHarness({ cacheTtlSeconds: 0, simulator: { latencyMs: 20 } });
});
afterAll(() => graph.close());

it('100 concurrent identical roster queries cost the upstream calls of one', async () => {
  const organization = graph.sim.tenant.organizations[0];
  graph.sim.calls.clear();
  const document = 'query($id: String!) { organization(organizationId: $id) { members(first: 100) { edges { node { userId roles { name } } } } } }';
  const results = await Promise.all(Array.from({ length: 100 }, () => graph.query(document, { id: organization?.id })));
  expect(results.every((result) => result.errors === undefined)).toBe(true);
  expect(new Set(results.map((result) => JSON.stringify(result.data))).size).toBe(1);
  expect(graph.sim.calls.count()).toBe(1);
});

it('/health answers without touching Auth0', async () => {
  graph.sim.calls.clear();
  const response = await graph.app.fetch(new Request('http://graph.test/health'));
  expect(response.status).toBe(200);
  expect(graph.sim.calls.count()).toBe(0);
});
