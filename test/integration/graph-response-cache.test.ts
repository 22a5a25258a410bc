import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import { startGraphHarness } from '../helpers/graph-harness.ts';
import type { GraphHarness } from '../helpers/graph-harness.ts';
import { tapApp } from '../helpers/leak-record.ts';
import { simulatorConfig } from '../helpers/simulator-config.ts';
import { splitCacheBudget } from '../../src/cache/cache-budget.ts';

/** Whole answers served again within the cache TTL, through the real server pipeline. */
const ROSTER = 'query($id: String!) { organization(organizationId: $id) { members(first: 100) { edges { node { userId email roles { name } } } } } }';
const DEBUG = { 'x-auth0-graph-debug': '1' };

let graph: GraphHarness | undefined;
afterEach(async () => {
  await graph?.close();
  graph = undefined;
});

async function start(cacheTtlSeconds: number): Promise<GraphHarness> {
  graph = await startGraphHarness({ cacheTtlSeconds });
  return graph;
}

const organizationId = (harness: GraphHarness, index: number) => harness.sim.tenant.organizations[index]?.id ?? '';

describe('response cache', () => {
  it('answers a repeated query with identical data and without executing it again', async () => {
    const harness = await start(30);
    const first = await harness.query(ROSTER, { id: organizationId(harness, 0) }, DEBUG);
    expect(first.errors).toBeUndefined();
    expect(harness.sim.calls.count()).toBe(1);
    const second = await harness.query(ROSTER, { id: organizationId(harness, 0) }, DEBUG);
    expect(second.data).toEqual(first.data);
    // Executing again would have shown the upstream cache's hit in the report; the answer itself was served.
    expect(second.extensions?.['upstream']).toEqual({ calls: 0, entries: [] });
    expect(harness.sim.calls.count()).toBe(1);
  });

  it('does not serve an answer across different variables', async () => {
    const harness = await start(30);
    const first = await harness.query(ROSTER, { id: organizationId(harness, 0) });
    const other = await harness.query(ROSTER, { id: organizationId(harness, 1) });
    expect(other.errors).toBeUndefined();
    expect(other.data).not.toEqual(first.data);
    const expected = (harness.sim.tenant.members.get(organizationId(harness, 1)) ?? []).map((member) => member.user_id);
    const got = (other.data as { organization: { members: { edges: { node: { userId: string } }[] } } }).organization.members.edges;
    expect(got.map((edge) => edge.node.userId)).toEqual(expected);
    expect(harness.sim.calls.count()).toBe(2);
  });

  it('is bypassed when the cache TTL is 0', async () => {
    const harness = await start(0);
    await harness.query(ROSTER, { id: organizationId(harness, 0) });
    await harness.query(ROSTER, { id: organizationId(harness, 0) });
    expect(harness.sim.calls.count()).toBe(2);
  });

  it('never keeps an answer with errors', async () => {
    const harness = await start(30);
    const document = '{ missing: user(userId: "auth0|nobody") { userId } users(first: 101) { totalCount } }';
    const failed = await harness.query(document, {}, DEBUG);
    expect(failed.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const again = await harness.query(document, {}, DEBUG);
    expect(again.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    // The lookup ran again: the shared upstream cache answered its remembered 404.
    expect(again.extensions?.['upstream']).toMatchObject({ calls: 0, entries: [{ cached: 'hit' }] });
  });
});

describe('cache byte bounds', () => {
  it('holds both caches within the budget the app was given, evicting the least recently used', async () => {
    const sim = await startSimulator({ size: { users: 60, organizations: 6, largestOrganizationMembers: 30, applications: 4, statsDays: 10 } });
    const bounds = splitCacheBudget(7_000);
    const tap = tapApp(sim);
    const app = createApp(simulatorConfig(sim, { cacheTtlSeconds: 300, cacheMaxBytes: 7_000 }));
    try {
      const seen: { upstream: number; answers: number }[] = [];
      for (const organization of sim.tenant.organizations) {
        const response = await app.fetch(
          new Request('http://graph.test/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: ROSTER, variables: { id: organization.id } }),
          }),
        );
        const text = await response.text();
        tap.response(text);
        tap.upstream();
        expect((JSON.parse(text) as { errors?: unknown }).errors).toBeUndefined();
        seen.push(app.cacheBytes());
      }
      expect(seen.every((bytes) => bytes.upstream <= bounds.upstream && bytes.answers <= bounds.answers)).toBe(true);
      // Six rosters are more than either bound holds, so both filled up to near it and then evicted.
      expect(Math.max(...seen.map((bytes) => bytes.answers))).toBeGreaterThan(bounds.answers / 2);
      expect(Math.max(...seen.map((bytes) => bytes.upstream))).toBeGreaterThan(bounds.upstream / 2);
    } finally {
      await app.close();
      await sim.close();
    }
  });
});
