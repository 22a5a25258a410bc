/**
 * Issue 13's freshness benchmark: a seats dashboard over 1,000 organizations refreshed every 10 s while the tenant
 * gains one membership a second (a real Management API write, logged as Auth0 logs it), served once with the TTL
 * cache alone and once with the change feed, side by side in one run. Reported: upstream calls (the dashboard's
 * and the feed's own), staleness from a change to the first dashboard answer that shows it, and with the feed the
 * push latency of a `@live` query over the organizations that change. `LIVE_BENCH_SECONDS` sets each run's length.
 */
import { loadConfig } from '../src/config.ts';
import type { Config } from '../src/config-types.ts';
import { createApp } from '../src/server.ts';
import { startSimulator } from '../src/simulator/index.ts';
import type { RunningSimulator } from '../src/simulator/options.ts';

const SECONDS = Number(process.env.LIVE_BENCH_SECONDS ?? 150);
const REFRESH_MS = 10_000;
const CHANGE_MS = 1_000;
const LATENCY_MS = 20;
/** Changes land in the organizations the live query watches (its one page), so each change is also a push. */
const ACTIVE_ORGANIZATIONS = 100;

const PAGE = `query Seats($after: String) { organizations(first: 100, after: $after) {
  pageInfo { hasNextPage endCursor } edges { node { organizationId memberCount } } } }`;
const LIVE = 'query LiveSeats @live { organizations(first: 100) { edges { node { organizationId memberCount } } } }';

interface Change {
  readonly organizationId: string;
  readonly seats: number;
  readonly at: number;
}

interface Outcome {
  readonly dashboardCalls: number;
  readonly feedCalls: number;
  readonly refreshes: number;
  readonly changes: number;
  readonly staleness: readonly number[];
  readonly unseen: number;
  readonly push: readonly number[];
}

type Seats = ReadonlyMap<string, number>;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

const seconds = (ms: number) => (Number.isNaN(ms) ? '–' : (ms / 1000).toFixed(1));

function configFor(sim: RunningSimulator, feed: boolean): Config {
  const env: Record<string, string> = {
    AUTH0_DOMAIN: sim.domain,
    AUTH0_BASE_URL: sim.url,
    AUTH0_CLIENT_ID: sim.credentials.clientId,
    AUTH0_CLIENT_SECRET: sim.credentials.clientSecret,
    // The free plan has no endpoint buckets: the global 1,000/s is the only pace, so a refresh is not held up.
    AUTH0_PLAN: 'free',
    AUTH0_RATE_LIMIT: '1000',
    AUTH0_RATE_BURST: '1000',
    AUTH0_GRAPH_TIMEOUT_MS: '60000',
    AUTH0_GRAPH_ALLOW_ANONYMOUS: 'true',
    AUTH0_GRAPH_FEED: feed ? 'logs' : 'off',
    PORT: '0',
    HOST: '127.0.0.1',
    AUTH0_GRAPH_LOG_LEVEL: 'silent',
  };
  return loadConfig({ env }).config;
}

async function refresh(url: string): Promise<{ seats: Map<string, number>; arrivals: Map<string, number> }> {
  const seats = new Map<string, number>();
  const arrivals = new Map<string, number>();
  let after: string | null = null;
  do {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: PAGE, variables: { after } }),
    });
    const body = (await response.json()) as {
      data?: { organizations: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { organizationId: string; memberCount: number | null } }[] } };
    };
    const page = body.data?.organizations;
    if (page === undefined) throw new Error(`dashboard page failed: ${JSON.stringify(body).slice(0, 200)}`);
    const at = Date.now();
    for (const { node } of page.edges) {
      seats.set(node.organizationId, node.memberCount ?? -1);
      arrivals.set(node.organizationId, at);
    }
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after !== null);
  return { seats, arrivals };
}

/** Reads a live query's answers as they are pushed, telling `onAnswer` each one. */
async function watchLive(url: string, signal: AbortSignal, onAnswer: (seats: Seats, at: number) => void): Promise<void> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: LIVE }),
    signal,
  });
  if (response.body === null) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event.split('\n').find((line) => line.startsWith('data: '));
        if (!event.includes('event: next') || data === undefined) continue;
        const result = JSON.parse(data.slice('data: '.length)) as { data?: { organizations: { edges: { node: { organizationId: string; memberCount: number } }[] } } };
        const seats = new Map((result.data?.organizations.edges ?? []).map(({ node }) => [node.organizationId, node.memberCount] as const));
        onAnswer(seats, Date.now());
      }
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}

/** One membership a second in the active organizations, through the Management API as an admin would. */
function startChanges(sim: RunningSimulator, onChange: (change: Change) => void): () => void {
  const token = sim.issueToken(['create:organization_members']);
  const organizations = sim.tenant.organizations.slice(0, ACTIVE_ORGANIZATIONS);
  let index = 0;
  const timer = setInterval(() => {
    const organization = organizations[(index * 37) % organizations.length]!;
    index += 1;
    const members = new Set((sim.tenant.members.get(organization.id) ?? []).map((member) => member.user_id));
    const user = sim.tenant.users.find((candidate) => !members.has(candidate.user_id));
    if (user === undefined) return;
    void fetch(`${sim.url}/api/v2/organizations/${organization.id}/members`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ members: [user.user_id] }),
    }).then((response) => {
      if (response.status === 204) onChange({ organizationId: organization.id, seats: sim.tenant.members.get(organization.id)?.length ?? 0, at: Date.now() });
    });
  }, CHANGE_MS);
  return () => clearInterval(timer);
}

/** Marks each change seen by the first answer (of `seats`, arrived at `arrivals`) that shows it; returns the delays. */
function seenIn(pending: Change[], seats: Seats, arrivalOf: (organizationId: string) => number | undefined): number[] {
  const delays: number[] = [];
  for (let index = pending.length - 1; index >= 0; index -= 1) {
    const change = pending[index]!;
    const shown = seats.get(change.organizationId);
    const at = arrivalOf(change.organizationId);
    if (shown === undefined || at === undefined || shown < change.seats || at < change.at) continue;
    delays.push(at - change.at);
    pending.splice(index, 1);
  }
  return delays;
}

async function runOnce(feed: boolean): Promise<Outcome> {
  const sim = await startSimulator({
    size: { organizations: 1_000, users: 3_000, largestOrganizationMembers: 60, applications: 2, statsDays: 2 },
    latencyMs: LATENCY_MS,
  });
  const app = createApp(configFor(sim, feed));
  const { url } = await app.listen();
  const changes: Change[] = [];
  const dashboardPending: Change[] = [];
  const livePending: Change[] = [];
  const staleness: number[] = [];
  const push: number[] = [];
  const live = new AbortController();
  try {
    // Warm: the first refresh pays for everything in both runs, and the feed's first read is a gap.
    await refresh(url);
    if (feed) await app.feed.pollOnce();
    const watching = feed ? watchLive(url, live.signal, (seats, at) => push.push(...seenIn(livePending, seats, () => at))) : Promise.resolve();
    sim.calls.clear();
    const stopChanges = startChanges(sim, (change) => {
      changes.push(change);
      dashboardPending.push(change);
      if (feed) livePending.push(change);
    });
    const endAt = Date.now() + SECONDS * 1000;
    let refreshes = 0;
    while (Date.now() < endAt) {
      const startedAt = Date.now();
      const { seats, arrivals } = await refresh(url);
      refreshes += 1;
      staleness.push(...seenIn(dashboardPending, seats, (organizationId) => arrivals.get(organizationId)));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, startedAt + REFRESH_MS - Date.now())));
    }
    stopChanges();
    // One more refresh a period after the last change, so every change has had its chance to show.
    await new Promise((resolve) => setTimeout(resolve, REFRESH_MS));
    const last = await refresh(url);
    staleness.push(...seenIn(dashboardPending, last.seats, (organizationId) => last.arrivals.get(organizationId)));
    live.abort();
    await watching;
    const feedCalls = sim.calls.count({ route: '/logs' });
    return {
      dashboardCalls: sim.calls.count() - feedCalls,
      feedCalls,
      refreshes,
      changes: changes.length,
      staleness,
      unseen: dashboardPending.length,
      push,
    };
  } finally {
    live.abort();
    await app.close();
    await sim.close();
  }
}

export async function run(): Promise<string> {
  const ttl = await runOnce(false);
  const fed = await runOnce(true);
  const row = (name: string, outcome: Outcome) =>
    `| ${name} | ${outcome.refreshes} | ${outcome.changes} | ${outcome.dashboardCalls} | ${outcome.feedCalls} | ${seconds(percentile(outcome.staleness, 50))} | ${seconds(percentile(outcome.staleness, 99))} | ${outcome.unseen} | ${outcome.push.length === 0 ? '–' : `${seconds(percentile(outcome.push, 50))} / ${seconds(percentile(outcome.push, 99))}`} |`;
  return [
    '## Live: the change feed against the TTL cache',
    '',
    `A seats dashboard over 1,000 organizations (10 pages of 100 with their member counts) refreshed every ${REFRESH_MS / 1000} s for ${SECONDS} s, while one membership a second is added through the Management API to one of the first ${ACTIVE_ORGANIZATIONS} organizations; ${LATENCY_MS} ms simulated upstream latency, default settings (cache TTL 5 s, feed interval 5 s). With the feed, a \`@live\` query over those ${ACTIVE_ORGANIZATIONS} organizations is open too. Staleness is from a change to the first dashboard answer that shows it, so it includes the wait for the next refresh; push latency is from a change to the live answer that shows it. After the last change one more refresh follows a period later; changes not shown are those it still missed.`,
    '',
    '| cache | refreshes | changes | dashboard upstream calls | feed calls | staleness p50 (s) | staleness p99 (s) | changes not shown | live push p50 / p99 (s) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('TTL only', ttl),
    row('change feed', fed),
    '',
    'A refresh period longer than the TTL makes the TTL cache re-read everything at each refresh, so its staleness is only the wait for the next refresh; the feed adds the wait for its next poll (up to one interval) to that, at a small fraction of the calls.',
    '',
    `The feed's dashboard costs ${(fed.dashboardCalls + fed.feedCalls).toLocaleString('en-US')} calls (its own polls included) where the TTL cache costs ${ttl.dashboardCalls.toLocaleString('en-US')}: ${(((fed.dashboardCalls + fed.feedCalls) / Math.max(1, ttl.dashboardCalls)) * 100).toFixed(1)} %.`,
  ].join('\n');
}
