import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEntry } from '../../src/simulator/call-log.ts';
import { startGraphHarness } from '../helpers/graph-harness.ts';
import type { GraphHarness, HarnessOptions } from '../helpers/graph-harness.ts';
import { mergeParts, multipartParts } from '../helpers/multipart.ts';
import type { IncrementalPart } from '../helpers/multipart.ts';

/** More organizations than one Auth0 page, few members each: the seats dashboard, kept fast. */
const TENANT: HarnessOptions['simulator'] = {
  size: { organizations: 250, users: 160, largestOrganizationMembers: 130, applications: 2, statsDays: 2 },
};
/** The free plan has no endpoint buckets, so the tests' global pace (1,000/s) is the only one. */
const UNPACED: HarnessOptions['auth0'] = { plan: 'free' };

const SEATS = 'query Seats { organizations(first: 1000) { edges @stream { node { organizationId name memberCount } } } }';

interface Seat {
  readonly organizationId: string;
  readonly name: string;
  readonly memberCount: number | null;
}

const isPageCall = (entry: CallEntry) => entry.route === '/organizations';
const isCountCall = (entry: CallEntry) => entry.route === '/organizations/{id}/members' && entry.query['per_page'] === '1';
/** The organizations page after the first: it carries a checkpoint `from`. */
const isLaterPage = (url: URL) => url.pathname === '/api/v2/organizations' && url.searchParams.has('from');

function post(graph: GraphHarness, query: string, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return graph.app.fetch(
    new Request('http://graph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed', ...headers },
      body: JSON.stringify({ query }),
      ...(signal === undefined ? {} : { signal }),
    }),
  );
}

async function allParts(response: Response): Promise<IncrementalPart[]> {
  const parts: IncrementalPart[] = [];
  for await (const part of multipartParts(response)) parts.push(part);
  return parts;
}

function seatsOf(data: Record<string, unknown>): Seat[] {
  return (data['organizations'] as { edges: { node: Seat }[] }).edges.map((edge) => edge.node);
}

/** Edges a part carries: the first part's initial ones, or streamed items. */
function edgesIn(part: IncrementalPart): number {
  const initial = (part.data?.['organizations'] as { edges?: unknown[] } | undefined)?.edges?.length ?? 0;
  return initial + (part.incremental ?? []).reduce((sum, increment) => sum + (increment.items?.length ?? 0), 0);
}

/** Reads parts until one carries rows; how many rows have arrived by then. */
async function untilFirstRows(parts: AsyncGenerator<IncrementalPart>): Promise<number> {
  let received = 0;
  while (received === 0) {
    const { value, done } = await parts.next();
    if (done === true) throw new Error('the answer ended before any row');
    received += edgesIn(value);
  }
  return received;
}

describe('streamed connections', () => {
  let graph: GraphHarness;
  beforeAll(async () => {
    graph = await startGraphHarness({ simulator: TENANT, auth0: UNPACED, config: { maxUpstreamCalls: 100 } });
  });
  afterAll(() => graph.close());

  it('streams every organization with its seats: one page call per 100 organizations and one count each', async () => {
    graph.sim.calls.clear();
    const response = await post(graph, SEATS, { 'x-auth0-graph-debug': '1' });
    expect(response.headers.get('content-type')).toMatch(/^multipart\/mixed/);
    const parts = await allParts(response);
    const { data, errors } = mergeParts(parts);
    expect(errors).toEqual([]);
    const expected = graph.sim.tenant.organizations.map((organization) => ({
      organizationId: organization.id,
      name: organization.name,
      memberCount: graph.sim.tenant.members.get(organization.id)?.length ?? 0,
    }));
    expect(seatsOf(data)).toEqual(expected);
    expect(graph.sim.calls.count(isPageCall)).toBe(3);
    expect(graph.sim.calls.count(isCountCall)).toBe(250);
    expect(graph.sim.calls.count()).toBe(253);
    // The debug report rides on the last part, once every call is known.
    expect(parts.at(-1)?.extensions?.['upstream']).toMatchObject({ calls: 253 });
  });

  it('sends the first rows while the next page is still being asked', async () => {
    graph.sim.calls.clear();
    const hold = graph.sim.faults.hold(isLaterPage);
    try {
      const parts = multipartParts(await post(graph, SEATS));
      let received = await untilFirstRows(parts);
      // Rows are out, and the second page has been asked for but not answered: held, it cannot be.
      await hold.reached;
      expect(received).toBeGreaterThan(0);
      expect(received).toBeLessThanOrEqual(100);
      expect(graph.sim.calls.count(isPageCall)).toBe(2);
      hold.release();
      for await (const part of parts) received += edgesIn(part);
      expect(received).toBe(250);
      expect(graph.sim.calls.count(isPageCall)).toBe(3);
    } finally {
      hold.release();
    }
  });

  it('streams a roster past one members page, the profiles of each page read in one search', async () => {
    const [organizationId, members] = [...graph.sim.tenant.members].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
    expect(members.length).toBeGreaterThan(100);
    graph.sim.calls.clear();
    const roster = `{ organization(organizationId: "${organizationId}") { members(first: 1000) { edges @stream { node { userId user { loginsCount } } } } } }`;
    const { data, errors } = mergeParts(await allParts(await post(graph, roster)));
    expect(errors).toEqual([]);
    const edges = (data['organization'] as { members: { edges: { node: { userId: string; user: { loginsCount: unknown } } }[] } }).members.edges;
    expect(edges.map((edge) => edge.node.userId).sort()).toEqual(members.map((member) => member.user_id).sort());
    // Two members pages (checkpoint), and per page its profiles in one search: no call per member.
    expect(graph.sim.calls.count({ route: '/organizations/{id}/members' })).toBe(2);
    expect(graph.sim.calls.count({ route: '/users' })).toBe(2);
  });

  it('refuses `first` over 100 without @stream, before any call', async () => {
    graph.sim.calls.clear();
    const result = await graph.query('{ organizations(first: 1000) { edges { node { name } } } }');
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/between 0 and 100/);
    expect(graph.sim.calls.count()).toBe(0);
  });

  it('admits a streamed query over the request budget, within the stream budget', async () => {
    const unstreamed = await graph.query('{ organizations(first: 100) { edges { node { memberCount } } } }');
    expect(unstreamed.errors?.[0]?.extensions).toMatchObject({ code: 'COST_LIMIT', budget: 100 });
    graph.sim.calls.clear();
    const { data, errors } = mergeParts(await allParts(await post(graph, '{ organizations(first: 100) { edges @stream { node { memberCount } } } }')));
    expect(errors).toEqual([]);
    expect((data['organizations'] as { edges: unknown[] }).edges).toHaveLength(100);
    expect(graph.sim.calls.count()).toBe(101);
  });
});

describe('the whole-response cache', () => {
  let graph: GraphHarness;
  beforeAll(async () => {
    graph = await startGraphHarness({ simulator: TENANT, auth0: UNPACED, cacheTtlSeconds: 30 });
  });
  afterAll(() => graph.close());

  it('never answers a streamed query with a stored answer', async () => {
    const report = async () => (await allParts(await post(graph, SEATS, { 'x-auth0-graph-debug': '1' }))).at(-1)?.extensions?.['upstream'];
    expect(await report()).toMatchObject({ calls: 253 });
    // Executed again: every call in the report, answered by the upstream cache; a replayed answer has none.
    const again = (await report()) as { calls: number; entries: { cached: boolean }[] };
    expect(again.entries).toHaveLength(253);
    expect(again.entries.every((entry) => entry.cached)).toBe(true);
  });
});

describe('the stream budget and deadline', () => {
  let graph: GraphHarness;
  beforeAll(async () => {
    graph = await startGraphHarness({ simulator: TENANT, auth0: UNPACED, config: { streamMaxUpstreamCalls: 500, streamTimeoutMs: 1000 } });
  });
  afterAll(() => graph.close());

  it('ends a stream at AUTH0_GRAPH_STREAM_TIMEOUT_MS with the rows it had and a coded error', async () => {
    // The second page never comes: the request's own deadline, not the client, has to end it.
    const hold = graph.sim.faults.hold(isLaterPage);
    try {
      const parts = await allParts(await post(graph, '{ organizations(first: 250) { edges @stream { node { name } } } }'));
      const { data, errors } = mergeParts(parts);
      expect((data['organizations'] as { edges: unknown[] }).edges).toHaveLength(100);
      expect(errors.map((error) => error.extensions?.['code'])).toEqual(['UPSTREAM_UNAVAILABLE']);
      expect(parts.at(-1)?.hasNext).toBe(false);
      await hold.abandoned;
    } finally {
      hold.release();
    }
  });

  it('refuses a streamed query estimated over AUTH0_GRAPH_STREAM_MAX_UPSTREAM_CALLS, before any call', async () => {
    graph.sim.calls.clear();
    const [part, ...rest] = await allParts(await post(graph, SEATS));
    expect(rest).toEqual([]);
    // Ten pages of 1,000 organizations and a count for each.
    expect(part?.errors?.[0]?.extensions).toMatchObject({ code: 'COST_LIMIT', estimate: 1010, budget: 500 });
    expect(graph.sim.calls.count()).toBe(0);
  });
});

describe('a server shutting down', () => {
  let graph: GraphHarness;
  beforeAll(async () => {
    graph = await startGraphHarness({ simulator: TENANT, auth0: UNPACED });
  });
  // The test closes the app itself.
  afterAll(() => graph.sim.close());

  it('ends a running stream with the rows it had, a coded error and its last part, and closes without cutting it', async () => {
    // The second page never comes, and the stream deadline is minutes away: only the shutdown can end it.
    const hold = graph.sim.faults.hold(isLaterPage);
    try {
      const { url } = await graph.app.listen();
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
        body: JSON.stringify({ query: '{ organizations(first: 250) { edges @stream { node { name } } } }' }),
      });
      const parts = multipartParts(response);
      expect(await untilFirstRows(parts)).toBeGreaterThan(0);
      const closing = graph.app.close();
      const rest: IncrementalPart[] = [];
      for await (const part of parts) rest.push(part);
      await closing;
      expect(rest.at(-1)?.hasNext).toBe(false);
      expect(rest.flatMap((part) => part.incremental ?? []).flatMap((increment) => increment.errors ?? []).map((error) => error.extensions?.['code'])).toEqual([
        'UPSTREAM_UNAVAILABLE',
      ]);
      await hold.abandoned;
    } finally {
      hold.release();
    }
  });
});

describe('a client that hangs up', () => {
  let graph: GraphHarness;
  beforeAll(async () => {
    // Five calls a second, one at a time: the first page's hundred seat counts queue in the rate limiter.
    graph = await startGraphHarness({ simulator: TENANT, auth0: { plan: 'free', rateLimit: 5, rateBurst: 1 }, config: { timeoutMs: 5000 } });
  });
  afterAll(() => graph.close());

  it('stops the upstream work at once: the pending call is aborted and queued ones give their place back', async () => {
    const { sim, app } = graph;
    const hold = sim.faults.hold(isLaterPage);
    try {
      const { url } = await app.listen();
      const client = new AbortController();
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
        body: JSON.stringify({ query: SEATS }),
        signal: client.signal,
      });
      await untilFirstRows(multipartParts(response));
      await hold.reached;
      client.abort();
      // The server gave up its pending call for the second page: the simulator saw the connection close.
      await hold.abandoned;
      const atAbort = sim.calls.entries.length;
      expect(sim.calls.count(isCountCall)).toBeLessThan(100);
      hold.release();
      // Had the aborted calls kept their places, this one call would queue behind them, past its deadline.
      const organizationId = sim.tenant.organizations[0]?.id ?? '';
      const fresh = await graph.query(`{ organization(organizationId: "${organizationId}") { memberCount } }`);
      expect(fresh).toEqual({ data: { organization: { memberCount: sim.tenant.members.get(organizationId)?.length } } });
      // After the hang-up, only the fresh question reached Auth0.
      expect(sim.calls.entries.slice(atAbort).map((entry) => entry.path)).toEqual([`/organizations/${organizationId}/members`]);
    } finally {
      hold.release();
    }
  });
});
