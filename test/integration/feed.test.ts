import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config-types.ts';
import { startGraphHarness } from '../helpers/graph-harness.ts';
import type { GraphHarness } from '../helpers/graph-harness.ts';

const TOKEN = 'feed-test-webhook-token-0123456789';
const STALENESS = 600_000;
const FEED: Config['feed'] = { mode: 'logs', intervalMs: 5_000, maxStalenessMs: STALENESS, webhookToken: TOKEN };
const WRITES = [
  'create:organization_members', 'delete:organization_members', 'create:organization_member_roles', 'delete:users', 'update:users',
];

const SEATS = `{ organizations(first: 20) { edges { node { organizationId memberCount } } } tenantStats { activeUsers } }`;
const MEMBERS = `query ($id: String!) { organization(organizationId: $id) { members(first: 100) { edges { node { userId roles { roleId } } } } } }`;
const USER = `query ($id: String!) { user(userId: $id) { userId lastLogin loginsCount } }`;

let graph: GraphHarness;
let clock = Date.now();
/** Calls the graph made for answers, not the feed's own reads of the log. */
const answerCalls = () => graph.sim.calls.count((call) => !call.path.endsWith('/logs'));

async function write(method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${graph.sim.url}/api/v2${path}`, {
    method,
    headers: { authorization: `Bearer ${graph.sim.issueToken(WRITES)}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status).toBeLessThan(300);
}

/** The seats answer as organization id → member count. */
async function seats(): Promise<Map<string, number>> {
  const result = await graph.query(SEATS);
  expect(result.errors).toBeUndefined();
  const edges = (result.data?.['organizations'] as { edges: { node: { organizationId: string; memberCount: number } }[] }).edges;
  return new Map(edges.map(({ node }) => [node.organizationId, node.memberCount]));
}

async function later(ms: number): Promise<void> {
  clock += ms;
  await graph.app.feed.pollOnce();
}

beforeAll(async () => {
  graph = await startGraphHarness({ cacheTtlSeconds: 5, config: { feed: FEED }, deps: () => ({ now: () => clock }) });
  // The first read anchors the feed at the newest entry.
  await graph.app.feed.pollOnce();
});
afterAll(() => graph.close());

describe('the change feed keeps answers until they change', () => {
  it('a warm seats query 8 s later, past the 5 s TTL, costs no call but the feed’s', async () => {
    expect(graph.app.feed.status()).toMatchObject({ mode: 'logs', state: 'healthy', role: 'poller' });
    await seats();
    await later(8_000);
    const before = answerCalls();
    await seats();
    expect(answerCalls() - before).toBe(0);
  });

  it('a member added shows after one poll, for the cost of that organization’s count', async () => {
    const before = await seats();
    const org = graph.sim.tenant.organizations[1]?.id ?? '';
    const members = new Set((graph.sim.tenant.members.get(org) ?? []).map((member) => member.user_id));
    const joiner = graph.sim.tenant.users.find((user) => !members.has(user.user_id))?.user_id ?? '';
    await write('POST', `/organizations/${org}/members`, { members: [joiner] });
    await later(5_000);
    const mark = graph.sim.calls.entries.length;
    const after = await seats();
    expect(after.get(org)).toBe((before.get(org) ?? 0) + 1);
    expect(graph.sim.calls.entries.slice(mark).map((call) => call.route)).toEqual(['/organizations/{id}/members']);
  });

  it('a login shows in lastLogin and loginsCount', async () => {
    const userId = graph.sim.tenant.users[3]?.user_id ?? '';
    const read = async () => (await graph.query(USER, { id: userId })).data?.['user'] as { loginsCount: number | null; lastLogin: string | null };
    const before = await read();
    graph.sim.login(userId);
    await later(5_000);
    const after = await read();
    expect(after.loginsCount).toBe((before.loginsCount ?? 0) + 1);
    expect(after.lastLogin).not.toBe(before.lastLogin);
  });

  it('a member role assigned shows in the members’ roles', async () => {
    const org = graph.sim.tenant.organizations[0]?.id ?? '';
    const member = graph.sim.tenant.members.get(org)?.find((m) => m.role_ids.length < graph.sim.tenant.roles.length);
    const role = graph.sim.tenant.roles.find((r) => !(member?.role_ids ?? []).includes(r.id))?.id ?? '';
    const rolesOf = async () => {
      const result = await graph.query(MEMBERS, { id: org });
      const edges = (result.data?.['organization'] as { members: { edges: { node: { userId: string; roles: { roleId: string }[] } }[] } }).members.edges;
      return edges.find(({ node }) => node.userId === member?.user_id)?.node.roles.map((r) => r.roleId) ?? [];
    };
    expect(await rolesOf()).not.toContain(role);
    await write('POST', `/organizations/${org}/members/${encodeURIComponent(member?.user_id ?? '')}/roles`, { roles: [role] });
    await later(5_000);
    expect(await rolesOf()).toContain(role);
  });

  it('a deleted user disappears', async () => {
    const userId = graph.sim.tenant.users[5]?.user_id ?? '';
    expect((await graph.query(USER, { id: userId })).data?.['user']).not.toBeNull();
    await write('DELETE', `/users/${encodeURIComponent(userId)}`);
    await later(5_000);
    expect((await graph.query(USER, { id: userId })).data?.['user']).toBeNull();
  });
});

describe('what operators see', () => {
  it('/ready names the feed’s state, /metrics its entries, invalidations and lag', async () => {
    const ready = await graph.app.fetch(new Request('http://graph.test/ready'));
    expect(await ready.json()).toMatchObject({ ready: true, feed: { mode: 'logs', state: 'healthy', role: 'poller' } });
    const { body } = await graph.app.metrics.render();
    expect(body).toMatch(/auth0_graph_feed_entries_total\{kind="s",source="poll"\} [1-9]/);
    expect(body).toMatch(/auth0_graph_feed_invalidations_total\{cause="sapi"\} [1-9]/);
    expect(body).toMatch(/auth0_graph_feed_flushes_total\{reason="start"\} 1/);
    expect(body).toContain('auth0_graph_feed_lag_seconds');
  });
});

describe('pushed changes', () => {
  const push = (path: string, body: unknown, token: string) =>
    graph.app.fetch(
      new Request(`http://graph.test${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );

  it('a wrong token gets 401 and changes nothing; the right one invalidates with no poll', async () => {
    const userId = graph.sim.tenant.users[7]?.user_id ?? '';
    const read = async () => ((await graph.query(USER, { id: userId })).data?.['user'] as { loginsCount: number | null }).loginsCount;
    const before = await read();
    const entry = graph.sim.login(userId);
    const batch = [{ log_id: entry.log_id, data: entry }];
    const refused = await push('/auth0/log-stream', batch, 'not-the-token-at-all-0000000000');
    expect(refused.status).toBe(401);
    expect(await read()).toBe(before);
    const accepted = await push('/auth0/log-stream', batch, TOKEN);
    expect(accepted.status).toBe(200);
    expect(await read()).toBe((before ?? 0) + 1);
    // Delivered again: nothing new.
    expect(await (await push('/auth0/log-stream', batch, TOKEN)).json()).toEqual({ received: 0 });
  });

  it('an Event Streams event invalidates what it names', async () => {
    const org = graph.sim.tenant.organizations[2]?.id ?? '';
    const before = await seats();
    const members = new Set((graph.sim.tenant.members.get(org) ?? []).map((member) => member.user_id));
    const joiner = graph.sim.tenant.users.find((user) => !members.has(user.user_id))?.user_id ?? '';
    graph.sim.addMember(org, joiner);
    expect((await seats()).get(org)).toBe(before.get(org));
    const event = { id: 'evt_feed_test_1', type: 'organization.member.added', data: { object: { organization: { id: org }, user: { user_id: joiner } } } };
    expect((await push('/auth0/events', event, TOKEN)).status).toBe(200);
    expect((await seats()).get(org)).toBe((before.get(org) ?? 0) + 1);
  });
});

describe('a failing feed', () => {
  it('keeps no answer longer than the staleness bound', async () => {
    const org = graph.sim.tenant.organizations[3]?.id ?? '';
    const before = (await seats()).get(org) ?? 0;
    const members = new Set((graph.sim.tenant.members.get(org) ?? []).map((member) => member.user_id));
    // A change no feed reports: only the bound can bring it.
    graph.sim.addMember(org, graph.sim.tenant.users.find((user) => !members.has(user.user_id))?.user_id ?? '');
    // Only the logs fail: the rest of Auth0 answers, as when the feed alone is in trouble.
    graph.sim.faults.failing = (url) => url.pathname.endsWith('/logs');
    try {
      await later(STALENESS - 5_000);
      await later(10_000);
      expect(graph.app.feed.status().state).toBe('failing');
    } finally {
      graph.sim.faults.reset();
    }
    expect((await seats()).get(org)).toBe(before + 1);
  });
});
