import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/server.ts';
import type { App } from '../../src/server.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import type { RunningSimulator } from '../../src/simulator/options.ts';
import { simulatorConfig } from '../helpers/simulator-config.ts';
import { forgetTenant } from '../helpers/forget-tenant.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const SEATS = `{ organizations(first: 20) { edges { node { organizationId memberCount } } } }`;

// Three replicas of the server on one Redis, as a deployment runs them; a tenant name of its own keeps the keys apart.
describe('replicas sharing the change feed', () => {
  let sim: RunningSimulator;
  let redis: Redis;
  let clock = Date.now();
  const replicas: App[] = [];
  const logReads = () => sim.calls.count((call) => call.path.endsWith('/logs'));

  async function seats(app: App): Promise<Map<string, number>> {
    const response = await app.fetch(
      new Request('http://graph.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: SEATS }) }),
    );
    const result = (await response.json()) as { data: { organizations: { edges: { node: { organizationId: string; memberCount: number } }[] } } };
    return new Map(result.data.organizations.edges.map(({ node }) => [node.organizationId, node.memberCount]));
  }

  async function round(): Promise<void> {
    clock += 5_000;
    await Promise.all(replicas.map((app) => app.feed.pollOnce()));
  }

  beforeAll(async () => {
    sim = await startSimulator({ domain: `t${randomUUID().slice(0, 8)}.us.auth0.com`, size: { users: 40, organizations: 3, largestOrganizationMembers: 15 } });
    redis = new Redis(REDIS_URL);
    const config = simulatorConfig(sim, {
      cacheTtlSeconds: 5,
      redisUrl: REDIS_URL,
      feed: { mode: 'logs', intervalMs: 5_000, maxStalenessMs: 600_000, webhookToken: undefined },
    });
    for (let index = 0; index < 3; index += 1) replicas.push(createApp(config, { now: () => clock }));
    await Promise.all(replicas.map((app) => app.feed.ready()));
  });

  afterAll(async () => {
    await Promise.all(replicas.map((app) => app.close()));
    await forgetTenant(redis, sim.domain);
    redis.disconnect();
    await sim.close();
  });

  it('exactly one polls, and all three serve the fresh answer', async () => {
    await round();
    expect(replicas.map((app) => app.feed.status().role).sort()).toEqual(['follower', 'follower', 'poller']);
    expect(logReads()).toBe(1);
    const org = sim.tenant.organizations[0]?.id ?? '';
    const before = await Promise.all(replicas.map(seats));
    const members = new Set((sim.tenant.members.get(org) ?? []).map((member) => member.user_id));
    const joiner = sim.tenant.users.find((user) => !members.has(user.user_id))?.user_id ?? '';
    const write = await fetch(`${sim.url}/api/v2/organizations/${org}/members`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.issueToken(['create:organization_members'])}`, 'content-type': 'application/json' },
      body: JSON.stringify({ members: [joiner] }),
    });
    expect(write.status).toBe(204);
    await round();
    expect(logReads()).toBe(2);
    // Followers keep answers as long as the poller does: they read its state from Redis.
    expect(replicas.every((app) => app.feed.status().state === 'healthy')).toBe(true);
    // The poller has evicted by now; the others hear of it through pub/sub.
    await vi.waitFor(async () => {
      const after = await Promise.all(replicas.map(seats));
      expect(after.map((answer) => answer.get(org))).toEqual(before.map((answer) => (answer.get(org) ?? 0) + 1));
    });
  });

  it('another replica takes over when the poller goes', async () => {
    const poller = replicas.find((app) => app.feed.status().role === 'poller');
    if (poller === undefined) throw new Error('no poller');
    await poller.close();
    replicas.splice(replicas.indexOf(poller), 1);
    const reads = logReads();
    await round();
    expect(replicas.map((app) => app.feed.status().role).sort()).toEqual(['follower', 'poller']);
    expect(logReads()).toBe(reads + 1);
  });
});
