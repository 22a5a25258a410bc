import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Config } from '../../src/config-types.ts';
import { createApp } from '../../src/server.ts';
import type { App } from '../../src/server.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import type { RunningSimulator } from '../../src/simulator/options.ts';
import { simulatorEnv } from '../helpers/simulator-config.ts';
import { tapApp, type LeakTap } from '../helpers/leak-record.ts';
import { forgetTenant } from '../helpers/forget-tenant.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const ROSTER = 'query($id: String!, $first: Int!) { organization(organizationId: $id) { members(first: $first) { edges { node { userId email } } } } }';

// Two replicas of the server configured with one REDIS_URL, as a deployment runs them.
describe('replicas sharing REDIS_URL', () => {
  let sim: RunningSimulator;
  let redis: Redis;
  let tap: LeakTap;
  const replicas: App[] = [];

  function configFor(domain: string, url: string): Config {
    // The simulator's settings, paced by the enterprise preset as a deployment would be.
    const { AUTH0_RATE_LIMIT: _limit, AUTH0_RATE_BURST: _burst, ...env } = simulatorEnv({ ...sim, domain, url });
    const settings = { ...env, AUTH0_GRAPH_CACHE_TTL: '30', AUTH0_GRAPH_TIMEOUT_MS: '10000', AUTH0_GRAPH_MAX_UPSTREAM_CALLS: '100', REDIS_URL };
    return loadConfig({ env: settings }).config;
  }

  async function ask(app: App, orgId: string, first: number): Promise<unknown> {
    const response = await app.fetch(
      new Request('http://graph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: ROSTER, variables: { id: orgId, first } }),
      }),
    );
    const text = await response.text();
    tap.response(text);
    tap.upstream();
    return JSON.parse(text);
  }

  beforeAll(async () => {
    // A tenant name of its own keeps this run's keys apart from any other run against the same Redis.
    sim = await startSimulator({ domain: `t${randomUUID().slice(0, 8)}.us.auth0.com`, size: { users: 40, organizations: 3, largestOrganizationMembers: 15 } });
    tap = tapApp(sim);
    redis = new Redis(REDIS_URL);
    replicas.push(createApp(configFor(sim.domain, sim.url)), createApp(configFor(sim.domain, sim.url)));
  });

  afterAll(async () => {
    await Promise.all(replicas.map((app) => app.close()));
    await forgetTenant(redis, sim.domain);
    redis.disconnect();
    await sim.close();
  });

  it('answer from each other’s upstream responses and draw from one rate budget', async () => {
    const [first, second] = replicas;
    const orgId = sim.tenant.organizations[0]!.id;
    // The first request may find the connection still opening, and a replica answers a repeated query from
    // its own response cache; so each attempt asks a different page size until Redis holds an answer.
    let pageSize = 10;
    // Fresh (uncached) calls through the first replica until Redis holds keys of this kind.
    const askUntilRedisHolds = (kind: 'cache' | 'rate') =>
      expect
        .poll(async () => {
          pageSize += 1;
          await ask(first!, orgId, pageSize);
          return redis.keys(`auth0-graph:${kind}:${sim.domain}*`);
        }, { timeout: 15_000 })
        .not.toHaveLength(0);
    await askUntilRedisHolds('cache');

    sim.calls.clear();
    const answer = await ask(second!, orgId, pageSize);
    expect(answer).toMatchObject({ data: { organization: { members: { edges: expect.any(Array) } } } });
    expect(sim.calls.count()).toBe(0);

    // A take that failed while the connection was still opening sends the limiter local for a few seconds before
    // it asks Redis again; so fresh calls are made until one has drawn on the shared budget.
    await askUntilRedisHolds('rate');
  });
});
