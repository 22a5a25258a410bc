import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startGraphHarness } from '../helpers/graph-harness.ts';
import type { GraphHarness, HarnessOptions } from '../helpers/graph-harness.ts';
import { mergeParts, multipartParts } from '../helpers/multipart.ts';
import type { IncrementalPart } from '../helpers/multipart.ts';
import { simulatorEnv } from '../helpers/simulator-config.ts';

/** A page of 100 organizations, so the seats page really makes its 101 calls. */
const TENANT: HarnessOptions['simulator'] = {
  size: { organizations: 100, users: 40, largestOrganizationMembers: 5, applications: 1, statsDays: 1 },
};
/** Five calls a second, no endpoint buckets: 101 calls take ~20 s, far past a 5 s deadline. */
const SLOW: HarnessOptions['auth0'] = { plan: 'free', rateLimit: 5, rateBurst: 5 };
const SEATS = '{ organizations(first: 100) { edges { node { organizationId memberCount } } } }';
const STREAMED_SEATS = '{ organizations(first: 100) { edges @stream { node { organizationId memberCount } } } }';

async function streamed(graph: GraphHarness, query: string): Promise<{ data: Record<string, unknown>; errors: readonly unknown[] }> {
  const response = await graph.app.fetch(
    new Request('http://graph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
      body: JSON.stringify({ query }),
    }),
  );
  const parts: IncrementalPart[] = [];
  for await (const part of multipartParts(response)) parts.push(part);
  return mergeParts(parts);
}

function edgeCount(data: Record<string, unknown> | null | undefined): number {
  return ((data?.['organizations'] as { edges?: unknown[] } | null | undefined)?.edges ?? []).length;
}

describe('cost in time: a slow rate budget', () => {
  let graph: GraphHarness;
  beforeAll(async () => {
    graph = await startGraphHarness({ simulator: TENANT, auth0: SLOW, config: { timeoutMs: 5_000 } });
  });
  afterAll(() => graph.close());

  it('refuses a plain query it cannot grant before the deadline, before any upstream call, naming the time', async () => {
    graph.sim.calls.clear();
    const { data, errors } = await graph.query(SEATS);
    expect(data ?? null).toBeNull();
    expect(errors).toHaveLength(1);
    const error = errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'COST_LIMIT', estimate: 101, deadlineSeconds: 4.5 });
    const seconds = error?.extensions?.['estimatedSeconds'];
    expect(typeof seconds === 'number' && seconds > 4.5).toBe(true);
    expect(error?.message).toContain(`about ${Math.ceil(Number(seconds))} s`);
    expect(error?.message).toContain('@stream');
    expect(graph.sim.calls.count()).toBe(0);
  });

  it('admits a smaller page the budget can grant in time', async () => {
    graph.sim.calls.clear();
    const { data, errors } = await graph.query('{ organizations(first: 10) { edges { node { organizationId } } } }');
    expect(errors).toBeUndefined();
    expect(edgeCount(data)).toBe(10);
    expect(graph.sim.calls.count()).toBe(1);
  });
});

describe('cost in time: the same query streamed', () => {
  let graph: GraphHarness;
  // The stream deadline is short enough to refuse what the 5/s budget cannot grant, long enough for 101 calls.
  beforeAll(async () => {
    graph = await startGraphHarness({ simulator: TENANT, auth0: { plan: 'free', rateLimit: 50, rateBurst: 5 }, config: { timeoutMs: 1_000, streamTimeoutMs: 60_000 } });
  });
  afterAll(() => graph.close());

  it('refuses it unstreamed and admits it under @stream, whose deadline is the stream deadline', async () => {
    graph.sim.calls.clear();
    const refused = await graph.query(SEATS);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'COST_LIMIT', deadlineSeconds: 0.9 });
    expect(graph.sim.calls.count()).toBe(0);
    const { data, errors } = await streamed(graph, STREAMED_SEATS);
    expect(errors).toEqual([]);
    expect(edgeCount(data)).toBe(100);
    expect(graph.sim.calls.count()).toBe(101);
  });
});

describe('cost in time: a fast rate budget', () => {
  let graph: GraphHarness;
  beforeAll(async () => {
    // The call cap's own default, not the tests' raised one: a seats page must fit it.
    const { AUTH0_GRAPH_MAX_UPSTREAM_CALLS: _raised, ...env } = simulatorEnv({ url: 'http://sim.test', domain: 'sim.test', credentials: { clientId: 'c', clientSecret: 's' } });
    const { maxUpstreamCalls } = loadConfig({ env }).config;
    graph = await startGraphHarness({ simulator: TENANT, auth0: { plan: 'free' }, config: { maxUpstreamCalls } });
  });
  afterAll(() => graph.close());

  it('admits a page of 100 organizations with their seat counts: 101 calls', async () => {
    graph.sim.calls.clear();
    const { data, errors } = await graph.query(SEATS);
    expect(errors).toBeUndefined();
    expect(edgeCount(data)).toBe(100);
    expect(graph.sim.calls.count()).toBe(101);
  });
});
