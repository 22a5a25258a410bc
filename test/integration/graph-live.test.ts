import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedSettings } from '../../src/config-types.ts';
import { startGraphHarness } from '../helpers/graph-harness.ts';
import type { GraphHarness } from '../helpers/graph-harness.ts';
import { sseResults } from '../helpers/sse.ts';
import type { LiveResult } from '../helpers/sse.ts';

const SEATS = 'query LiveSeats($id: String!) @live { organization(organizationId: $id) { organizationId memberCount } }';
const API_KEY = 'live-test-key-0123456789';
/** A live query re-runs at most once per feed interval: one second keeps the tests quick. */
const feed = (mode: FeedSettings['mode']): FeedSettings => ({ mode, intervalMs: 1_000, maxStalenessMs: 600_000, webhookToken: undefined });

interface Watcher {
  readonly results: AsyncGenerator<LiveResult>;
  readonly abort: AbortController;
}

const countCalls = (graph: GraphHarness, organizationId: string) =>
  graph.sim.calls.count((entry) => entry.route === '/organizations/{id}/members' && entry.path.includes(organizationId));

function seats(result: LiveResult): number | null {
  return (result.data?.['organization'] as { memberCount: number | null } | undefined)?.memberCount ?? null;
}

/** Live-query gauges as /metrics shows them. */
async function liveGauge(graph: GraphHarness, name: string): Promise<number> {
  const { body } = await graph.app.metrics.render();
  const line = body.split('\n').find((text) => text.startsWith(`auth0_graph_${name} `));
  return Number(line?.split(' ')[1]);
}

/** A graph on a port of its own: live answers come over real HTTP. */
interface Served {
  readonly graph: GraphHarness;
  readonly url: string;
}

/** POSTed as a dashboard would; GraphiQL sends a live query as a GET. */
async function watch({ url }: Served, organizationId: string, method: 'GET' | 'POST' = 'POST'): Promise<Watcher> {
  const abort = new AbortController();
  const variables = JSON.stringify({ id: organizationId });
  const headers = { accept: 'text/event-stream', 'x-api-key': API_KEY };
  const response =
    method === 'GET'
      ? await fetch(`${url}/graphql?${new URLSearchParams({ query: SEATS, variables })}`, { headers, signal: abort.signal })
      : await fetch(`${url}/graphql`, {
          method,
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ query: SEATS, variables: { id: organizationId } }),
          signal: abort.signal,
        });
  return { results: sseResults(response), abort };
}

async function next(watcher: Watcher): Promise<LiveResult> {
  const { value, done } = await watcher.results.next();
  if (done === true) throw new Error('the live answer ended');
  return value;
}

/** A user of the tenant who is not yet a member of `organizationId`. */
function outsider(graph: GraphHarness, organizationId: string): string {
  const members = new Set((graph.sim.tenant.members.get(organizationId) ?? []).map((member) => member.user_id));
  const user = graph.sim.tenant.users.find((candidate) => !members.has(candidate.user_id));
  if (user === undefined) throw new Error('every user is a member');
  return user.user_id;
}

async function serve(mode: FeedSettings['mode']): Promise<Served> {
  const graph = await startGraphHarness({
    config: { feed: feed(mode), callers: { apiKeys: [API_KEY], jwt: undefined, allowAnonymous: false } },
  });
  return { graph, url: (await graph.app.listen()).url };
}

describe('@live queries over Server-Sent Events', () => {
  let served: Served;
  let graph: GraphHarness;
  let url: string;
  beforeAll(async () => {
    served = await serve('off');
    ({ graph, url } = served);
  });
  afterAll(() => graph.close());

  it('pushes the changed seat count after an invalidation of that organization', async () => {
    const organizationId = graph.sim.tenant.organizations[0]!.id;
    const watcher = await watch(served, organizationId, 'GET');
    const first = await next(watcher);
    expect(first.isLive).toBe(true);
    const before = seats(first);
    expect(before).toBeTypeOf('number');
    graph.sim.addMember(organizationId, outsider(graph, organizationId));
    graph.app.invalidations.publish({ keys: [`Organization:${organizationId}`], cause: 'test' });
    expect(seats(await next(watcher))).toBe(before! + 1);
    watcher.abort.abort();
  });

  it('re-runs once for fifty clients watching the same query, and not for a change to something they did not read', async () => {
    const organizationId = graph.sim.tenant.organizations[1]!.id;
    const other = graph.sim.tenant.organizations[2]!.id;
    graph.sim.calls.clear();
    const watchers = await Promise.all(Array.from({ length: 50 }, () => watch(served, organizationId)));
    const firsts = await Promise.all(watchers.map(next));
    expect(new Set(firsts.map(seats)).size).toBe(1);
    expect(countCalls(graph, organizationId)).toBe(1);
    expect(await liveGauge(graph, 'live_queries_open')).toBe(50);
    expect(await liveGauge(graph, 'live_queries_watched')).toBe(1);

    // The hub decides on publishing whether anything must re-run: nothing watched read these.
    graph.app.invalidations.publish({ keys: [`Organization:${other}`, 'Role:*', 'User'], cause: 'test' });
    expect(await liveGauge(graph, 'live_queries_pending')).toBe(0);

    const reruns = await liveGauge(graph, 'live_query_reruns_total');
    graph.sim.addMember(organizationId, outsider(graph, organizationId));
    graph.app.invalidations.publish({ keys: ['Organization:*'], cause: 'test' });
    expect(await liveGauge(graph, 'live_queries_pending')).toBe(1);
    const seconds = await Promise.all(watchers.map(next));
    expect(seconds.map(seats)).toEqual(firsts.map((result) => seats(result)! + 1));
    expect(countCalls(graph, organizationId)).toBe(2);
    expect(await liveGauge(graph, 'live_query_reruns_total')).toBe(reruns + 1);
    for (const watcher of watchers) watcher.abort.abort();
  });

  it('stops watching when the client hangs up: no re-run, nothing left open', async () => {
    const organizationId = graph.sim.tenant.organizations[3]!.id;
    const watcher = await watch(served, organizationId);
    await next(watcher);
    const open = await liveGauge(graph, 'live_queries_open');
    watcher.abort.abort();
    await expect.poll(() => liveGauge(graph, 'live_queries_open')).toBe(open - 1);
    graph.sim.calls.clear();
    graph.app.invalidations.publish({ keys: [`Organization:${organizationId}`], cause: 'test' });
    expect(await liveGauge(graph, 'live_queries_pending')).toBe(0);
    expect(countCalls(graph, organizationId)).toBe(0);
  });

  it('asks callers to authenticate like any other query', async () => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: SEATS, variables: { id: graph.sim.tenant.organizations[0]!.id } }),
    });
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });
});

describe('@live queries fed by the tenant logs', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serve('logs');
    // The feed's first read is a gap (what came before it is unknown); past it, it names each change.
    await served.graph.app.feed.pollOnce();
  });
  afterAll(() => served.graph.close());

  it('pushes the new seat count after a member is added through the Management API and the feed reads the log', async () => {
    const { graph } = served;
    const organizationId = graph.sim.tenant.organizations[4]!.id;
    const watcher = await watch(served, organizationId);
    const before = seats(await next(watcher));
    const token = graph.sim.issueToken(['create:organization_members']);
    const added = await fetch(`${graph.sim.url}/api/v2/organizations/${organizationId}/members`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ members: [outsider(graph, organizationId)] }),
    });
    expect(added.status).toBe(204);
    await graph.app.feed.pollOnce();
    expect(seats(await next(watcher))).toBe(before! + 1);
    watcher.abort.abort();
  });
});
