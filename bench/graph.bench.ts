/**
 * Issue 4's canonical dashboard queries against the simulator (50 ms injected upstream latency), side by side
 * with the loop a developer would write with the official `auth0` SDK: upstream calls and latency.
 */
import { ManagementClient } from 'auth0';
import type { Config } from '../src/config-types.ts';
import { createApp } from '../src/server.ts';
import { startSimulator } from '../src/simulator/index.ts';
import type { RunningSimulator } from '../src/simulator/options.ts';

const LATENCY_MS = 50;

interface Measured {
  readonly calls: number;
  readonly p50: number;
  readonly p99: number;
  readonly failed?: string;
}

interface Case {
  readonly name: string;
  /** The fewest upstream calls that can answer the query. */
  readonly minimum: number;
  readonly graph: () => Promise<void>;
  readonly sdk: () => Promise<void>;
  readonly runs: { readonly graph: number; readonly sdk: number };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function measure(sim: RunningSimulator, runs: number, once: () => Promise<void>): Promise<Measured> {
  const times: number[] = [];
  let calls = 0;
  for (let run = 0; run < runs; run += 1) {
    sim.calls.clear();
    const started = performance.now();
    try {
      await once();
    } catch (error) {
      return { calls: sim.calls.count(), p50: Number.NaN, p99: Number.NaN, failed: error instanceof Error ? error.message.slice(0, 80) : 'failed' };
    }
    times.push(performance.now() - started);
    calls = sim.calls.count();
  }
  times.sort((a, b) => a - b);
  return { calls, p50: percentile(times, 50), p99: percentile(times, 99) };
}

function configFor(sim: RunningSimulator): Config {
  return {
    auth0: {
      domain: sim.domain,
      baseUrl: sim.url,
      audience: `https://${sim.domain}/api/v2/`,
      credentials: { kind: 'client-credentials', clientId: sim.credentials.clientId, clientSecret: sim.credentials.clientSecret },
      plan: 'enterprise',
      rateLimit: 10_000,
      rateBurst: 10_000,
    },
    callers: { apiKeys: [], jwt: undefined, allowAnonymous: true },
    cacheTtlSeconds: 0,
    timeoutMs: 120_000,
    maxUpstreamCalls: 10_000,
    persistedOperationsFile: undefined,
    redisUrl: undefined,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
  };
}

export async function run(): Promise<string> {
  const sim = await startSimulator({ latencyMs: LATENCY_MS });
  const app = createApp(configFor(sim));
  const toSimulator: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const target = url.replace(`https://${sim.domain}`, sim.url);
    return input instanceof Request ? fetch(new Request(target, input), init) : fetch(target, init);
  };
  const sdk = new ManagementClient({
    domain: sim.domain,
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    fetch: toSimulator,
    telemetry: false,
  });
  const query = async (document: string, variables: Record<string, unknown> = {}): Promise<void> => {
    const response = await app.fetch(
      new Request('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: document, variables }) }),
    );
    const body = (await response.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 200));
  };
  try {
    await query('{ roles(first: 1) { edges { cursor } } }');
    await sdk.roles.list();
    const organization = sim.tenant.organizations[0];
    const orgId = organization?.id ?? '';
    const members = sim.tenant.members.get(orgId) ?? [];
    const memberIds = members.slice(0, 100).map((member) => member.user_id);
    const enrichIds = sim.tenant.users.slice(0, 50).map((user) => user.user_id);
    const profileId = memberIds[0] ?? '';
    const organizationsShown = Math.min(50, sim.tenant.organizations.length);
    const cases: Case[] = [
      {
        name: 'seats: `organizations(first: 50) { memberCount }`',
        minimum: 1 + organizationsShown,
        runs: { graph: 10, sdk: 1 },
        graph: () => query('{ organizations(first: 50) { edges { node { organizationId name memberCount } } } }'),
        sdk: async () => {
          const page = await sdk.organizations.list({ take: 50 });
          const seats: number[] = [];
          for (const org of page.data) {
            let count = 0;
            for await (const _member of await sdk.organizations.members.list(org.id ?? '', { take: 100, fields: 'user_id' })) count += 1;
            seats.push(count);
          }
          if (seats.length !== page.data.length) throw new Error('seat count incomplete');
        },
      },
      {
        name: 'roster: `members(first: 100) { email roles { name } }`',
        minimum: 1,
        runs: { graph: 20, sdk: 2 },
        graph: () => query('query($id: String!) { organization(organizationId: $id) { members(first: 100) { edges { node { userId email roles { name } } } } } }', { id: orgId }),
        sdk: async () => {
          const page = await sdk.organizations.members.list(orgId, { take: 100, fields: 'user_id,email' });
          for (const member of page.data) await sdk.organizations.members.roles.list(orgId, member.user_id ?? '');
        },
      },
      {
        name: 'enriched roster: + `user { lastLogin loginsCount }`',
        minimum: 2,
        runs: { graph: 20, sdk: 1 },
        graph: () =>
          query('query($id: String!) { organization(organizationId: $id) { members(first: 100) { edges { node { userId email roles { name } user { lastLogin loginsCount } } } } } }', { id: orgId }),
        sdk: async () => {
          const page = await sdk.organizations.members.list(orgId, { take: 100, fields: 'user_id,email' });
          for (const member of page.data) {
            await sdk.organizations.members.roles.list(orgId, member.user_id ?? '');
            await sdk.users.get(member.user_id ?? '');
          }
        },
      },
      {
        name: 'enrichment: 50 `user(userId:)` aliases',
        minimum: 1,
        runs: { graph: 20, sdk: 2 },
        graph: () => query(`{ ${enrichIds.map((id, index) => `u${index}: user(userId: ${JSON.stringify(id)}) { userId email lastLogin }`).join(' ')} }`),
        sdk: async () => {
          for (const id of enrichIds) await sdk.users.get(id);
        },
      },
      {
        name: 'profile: `user { organizations roles }`',
        minimum: 3,
        runs: { graph: 20, sdk: 10 },
        graph: () =>
          query('query($id: String!) { user(userId: $id) { email organizations { edges { node { name } } } roles { edges { node { name } } } } }', { id: profileId }),
        sdk: async () => {
          await sdk.users.get(profileId);
          await sdk.users.organizations.list(profileId);
          await sdk.users.roles.list(profileId);
        },
      },
      {
        name: 'full scan: `users(first: 100)` over 2,500 users',
        minimum: Math.ceil(sim.tenant.users.length / 100),
        runs: { graph: 2, sdk: 1 },
        graph: async () => {
          let after: string | null = null;
          for (;;) {
            const response = await app.fetch(
              new Request('http://bench/graphql', {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ query: 'query($a: String) { users(first: 100, after: $a) { edges { node { userId } } pageInfo { hasNextPage endCursor } } }', variables: { a: after } }),
              }),
            );
            const body = (await response.json()) as { data: { users: { pageInfo: { hasNextPage: boolean; endCursor: string } } } };
            if (!body.data.users.pageInfo.hasNextPage) return;
            after = body.data.users.pageInfo.endCursor;
          }
        },
        sdk: async () => {
          for await (const _user of await sdk.users.list({ per_page: 100 })) {
            // the SDK's auto-pager: the loop a developer writes
          }
        },
      },
    ];
    const rows: string[] = [];
    for (const benchCase of cases) {
      const graph = await measure(sim, benchCase.runs.graph, benchCase.graph);
      const official = await measure(sim, benchCase.runs.sdk, benchCase.sdk);
      const ms = (value: number) => (Number.isNaN(value) ? '–' : value.toFixed(0));
      rows.push(
        `| ${benchCase.name} | ${benchCase.minimum} | ${graph.calls} | ${(graph.calls / benchCase.minimum).toFixed(2)} | ${ms(graph.p50)} / ${ms(graph.p99)} | ${official.calls} | ${official.failed ? `fails: ${official.failed}` : `${ms(official.p50)} / ${ms(official.p99)}`} |`,
      );
    }
    return [
      '## Canonical queries: auth0-graph vs the official SDK loop',
      '',
      `Simulator with ${LATENCY_MS} ms injected upstream latency, no rate limit, shared cache off (TTL 0), one request at a time.`,
      'Latency in milliseconds (p50 / p99). "ratio" is auth0-graph calls over the minimum.',
      '',
      '| query | minimum calls | auth0-graph calls | ratio | auth0-graph p50 / p99 | SDK loop calls | SDK loop p50 / p99 |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
    ].join('\n');
  } finally {
    await app.close();
    await sim.close();
  }
}
