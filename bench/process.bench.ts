/**
 * The graph as a user's load reaches it: auth0-graph run by its own CLI in a process of its own, a bare
 * graphql-yoga server in another, and autocannon in a third, while this process holds only the simulator and
 * the timing. Throughput of a cached roster beside `{ hello }`, the upstream pool's effect on the seats query,
 * and the latency the graph adds to the fewest direct calls. Medians of interleaved rounds: the machine's cores
 * are shared and noisy, so only numbers taken side by side in one run are compared.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { createAuth0Client } from '../src/auth0/index.ts';
import { systemClock } from '../src/auth0/clock.ts';
import { upstreamConnectionsFor } from '../src/auth0/pool-size.ts';
import { RATE_LIMIT_PRESETS } from '../src/auth0/rate-limit/presets.ts';
import { createRateLimiter } from '../src/auth0/rate-limit/rate-limiter.ts';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/server.ts';
import { startSimulator } from '../src/simulator/index.ts';
import { simulatorEnv } from '../test/helpers/simulator-config.ts';
import { tokenFor } from './tenant-token.ts';
import type { RunningSimulator } from '../src/simulator/options.ts';

const LATENCY_MS = 50;
const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

const ROSTER = 'query($id: String!) { organization(organizationId: $id) { members(first: 100) { edges { node { userId email roles { name } } } } } }';
const SEATS = '{ organizations(first: 40) { edges { node { memberCount } } } }';
const enrichment = (ids: readonly string[]) =>
  `{ ${ids.map((id, index) => `u${index}: user(userId: ${JSON.stringify(id)}) { userId email lastLogin }`).join(' ')} }`;

const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);
const percentile = (values: readonly number[], p: number) => {
  const ordered = sorted(values);
  return ordered[Math.min(ordered.length - 1, Math.max(0, Math.ceil((p / 100) * ordered.length) - 1))] ?? Number.NaN;
};
const median = (values: readonly number[]) => percentile(values, 50);
const ms = (value: number) => value.toFixed(1);
const signed = (value: number) => `${value >= 0 ? '+' : ''}${ms(value)}`;

/** The environment `auth0-graph serve` reads, pointed at the simulator; anonymous callers on loopback. */
function serverEnv(sim: RunningSimulator, settings: Record<string, string>): Record<string, string> {
  return { ...simulatorEnv(sim), ...settings };
}

export interface Server {
  readonly url: string;
  /** CPU seconds the server process has used so far (user + system). */
  cpuSeconds(): number;
  close(): Promise<void>;
}

/**
 * A process's CPU time from /proc (Linux; NaN elsewhere), in the kernel's clock ticks of 1/100 s. CPU per
 * request barely moves with what else the machine runs, where requests per second do.
 */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** A child process serving on a free port, found by polling `/health` on the port it reports. */
export async function serve(child: ChildProcess, portLine: RegExp): Promise<Server> {
  let output = '';
  const port = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = portLine.exec(output)?.[1];
      if (found !== undefined) {
        child.stdout?.off('data', onData);
        // Log lines keep coming; a log shipper would read them, so they are read (and dropped) here too.
        child.stdout?.resume();
        resolve(found);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${output.slice(0, 300)}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    cpuSeconds: () => cpuSecondsOf(child.pid),
    close: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

export function graphServer(sim: RunningSimulator, settings: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'auth0-graph'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...serverEnv(sim, settings), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return serve(child, /auth0-graph serve: http:\/\/127\.0\.0\.1:(\d+)/);
}

const HELLO = `
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';
const yoga = createYoga({ schema: createSchema({ typeDefs: 'type Query { hello: String! }', resolvers: { Query: { hello: () => 'world' } } }), logging: false });
const server = createServer(yoga);
server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
`;

function helloServer(): Promise<Server> {
  const child = spawn(process.execPath, ['--input-type=module', '--eval', HELLO], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return serve(child, /port (\d+)/);
}

interface Round {
  readonly perSecond: number;
  /** Server CPU per 1,000 answers, in ms. */
  readonly cpuMs: number;
}

/** Requests per second autocannon, in its own process, gets from `server` with `connections` keep-alive connections. */
async function load(server: Server, body: string, seconds: number, connections: number): Promise<Round> {
  const child = spawn(
    process.execPath,
    [AUTOCANNON, '--json', '-c', String(connections), '-d', String(seconds), '-m', 'POST', '-H', 'content-type=application/json', '-b', body, `${server.url}/graphql`],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const cpuBefore = server.cpuSeconds();
  await once(child, 'exit');
  const cpu = server.cpuSeconds() - cpuBefore;
  const result = JSON.parse(output) as { requests: { total: number }; duration: number; non2xx: number; errors: number };
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors from ${server.url}`);
  return { perSecond: result.requests.total / result.duration, cpuMs: (cpu * 1e6) / result.requests.total };
}

async function throughputSection(sim: RunningSimulator, orgId: string): Promise<string> {
  const graph = await graphServer(sim, { AUTH0_GRAPH_CACHE_TTL: '300', AUTH0_GRAPH_LOG_LEVEL: 'info' });
  const hello = await helloServer();
  try {
    const roster = JSON.stringify({ query: ROSTER, variables: { id: orgId } });
    const helloBody = JSON.stringify({ query: '{ hello }' });
    const [rounds, seconds, connections] = [5, 3, 16];
    await load(hello, helloBody, 1, connections);
    await load(graph, roster, 1, connections);
    const helloRounds: Round[] = [];
    const rosterRounds: Round[] = [];
    for (let round = 0; round < rounds; round += 1) {
      helloRounds.push(await load(hello, helloBody, seconds, connections));
      rosterRounds.push(await load(graph, roster, seconds, connections));
    }
    const ratios = rosterRounds.map((taken, index) => taken.perSecond / (helloRounds[index]?.perSecond ?? Number.NaN));
    const row = (name: string, taken: readonly Round[]) =>
      `| ${name} | ${taken.map((one) => one.perSecond.toFixed(0)).join(', ')} | ${median(taken.map((one) => one.perSecond)).toFixed(0)} | ${median(taken.map((one) => one.cpuMs)).toFixed(0)} |`;
    const cpuRatio = median(helloRounds.map((one) => one.cpuMs)) / median(rosterRounds.map((one) => one.cpuMs));
    return [
      '## Cached roster throughput from another process, beside a bare graphql-yoga server',
      '',
      `auth0-graph started by \`auth0-graph serve\` in its own process (answer cache TTL 300 s, log level info with its request line per request, read from a pipe), a bare graphql-yoga \`{ hello }\` server in another, and autocannon in a third with ${connections} keep-alive connections: ${rounds} interleaved rounds of ${seconds} s after a 1 s warm-up of each; medians. The roster (100 members with email and roles) is answered from the whole-answer cache after caller authentication, abuse limits and validation. Server CPU is the process's own user and system time over the round. Target: at least 0.9x.`,
      '',
      '| server | requests/s per round | median requests/s | server CPU per 1,000 answers (ms, median) |',
      '| --- | --- | --- | --- |',
      row('bare graphql-yoga `{ hello }`', helloRounds),
      row('auth0-graph cached roster', rosterRounds),
      `| ratio | ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')} | ${median(ratios).toFixed(2)}x | ${cpuRatio.toFixed(2)}x (answers per CPU second) |`,
    ].join('\n');
  } finally {
    await hello.close();
    await graph.close();
  }
}

/** Wall times of the seats query through a pool of `connections` sockets, against a client that never paces. */
async function seatsSection(sim: RunningSimulator): Promise<string> {
  const env = serverEnv(sim, { AUTH0_GRAPH_CACHE_TTL: '0', AUTH0_GRAPH_LOG_LEVEL: 'silent', AUTH0_GRAPH_MAX_UPSTREAM_CALLS: '1000' });
  const { config } = loadConfig({ env });
  const sized = upstreamConnectionsFor(RATE_LIMIT_PRESETS.enterprise);
  const appWith = (connections: number) => {
    const limiter = createRateLimiter({ preset: { global: { burst: 1e9, perSecond: 1e9 }, groups: {} }, clock: systemClock });
    return createApp(config, { auth0: createAuth0Client(config.auth0, { limiter, connections }) });
  };
  const pools = [10, sized];
  const apps = pools.map(appWith);
  const times: number[][] = pools.map(() => []);
  const calls: number[] = [];
  const query = async (index: number) => {
    const app = apps[index];
    if (app === undefined) throw new Error('no app');
    const started = performance.now();
    const response = await app.fetch(new Request('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: SEATS }) }));
    const body = (await response.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 200));
    return performance.now() - started;
  };
  try {
    for (let index = 0; index < apps.length; index += 1) await query(index);
    const runs = 7;
    for (let run = 0; run < runs; run += 1) {
      for (let index = 0; index < apps.length; index += 1) {
        sim.calls.clear();
        times[index]?.push(await query(index));
        calls[index] = sim.calls.count();
      }
    }
    const rows = pools.map((pool, index) => `| ${pool}${pool === sized ? ' (sized from the Enterprise bursts)' : ' (the former fixed pool)'} | ${calls[index]} | ${ms(median(times[index] ?? []))} |`);
    return [
      '## The upstream pool and the seats query',
      '',
      `\`${SEATS}\` (1 list call, then 40 counted calls at once) in this process against the simulator at ${LATENCY_MS} ms, the client unpaced so only the socket pool limits how many calls are in flight, cache off; ${runs} interleaved runs each, median wall time.`,
      '',
      '| sockets to the tenant | upstream calls | wall time (ms, median) |',
      '| --- | --- | --- |',
      ...rows,
    ].join('\n');
  } finally {
    for (const app of apps) await app.close();
  }
}

/** The path and query of the one call the simulator logged, to send it again directly. */
function lastCallPath(sim: RunningSimulator): string {
  const entries = sim.calls.entries;
  if (entries.length !== 1) throw new Error(`expected 1 upstream call, saw ${entries.length}`);
  const entry = entries[0];
  if (entry === undefined) throw new Error('no call');
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(entry.query)) for (const item of typeof value === 'string' ? [value] : value) query.append(key, item);
  return `/api/v2${entry.path.split('/').map(encodeURIComponent).join('/')}?${query.toString()}`;
}

/**
 * Two servers that make the same one upstream call and nothing else, each in its own process like the graph, so the
 * table shows what any server in between costs on this machine: a plain Node.js proxy (node:http and undici,
 * JSON in and out, no GraphQL), and a bare graphql-yoga server resolving the same fields from that call (the 50
 * lookups batched into it). Both read the upstream paths and the token from their environment.
 */
const PLAIN_PROXY = `
import { createServer } from 'node:http';
import { Pool } from 'undici';
const upstream = new Pool(process.env.UPSTREAM, { connections: 4 });
const headers = { authorization: 'Bearer ' + process.env.TOKEN };
const server = createServer(async (request, response) => {
  let text = '';
  for await (const chunk of request) text += chunk;
  const path = text.includes('organization(') ? process.env.ROSTER_PATH : process.env.ENRICH_PATH;
  const answer = await upstream.request({ method: 'GET', path, headers });
  const body = JSON.stringify({ data: await answer.body.json() });
  response.writeHead(200, { 'content-type': 'application/json' }).end(body);
});
server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
`;

const BARE_YOGA = `
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';
import { Pool } from 'undici';
const upstream = new Pool(process.env.UPSTREAM, { connections: 4 });
const headers = { authorization: 'Bearer ' + process.env.TOKEN };
// A checkpoint page answers { members, next }, a search with totals { users, ... }; a plain list is an array.
const get = async (path, key) => {
  const body = await (await upstream.request({ method: 'GET', path, headers })).body.json();
  return Array.isArray(body) ? body : body[key];
};
let batch;
const typeDefs = \`
  type Query { organization(organizationId: String!): Organization, user(userId: String!): User }
  type Organization { members(first: Int): Members! }
  type Members { edges: [Edge!]! }
  type Edge { node: Member! }
  type Member { userId: String!, email: String, roles: [Role!]! }
  type Role { name: String! }
  type User { userId: String!, email: String, lastLogin: String }
\`;
const resolvers = {
  Query: {
    organization: (_root, args) => ({ id: args.organizationId }),
    user: async (_root, args) => {
      if (batch === undefined) {
        batch = get(process.env.ENRICH_PATH, 'users');
        setImmediate(() => (batch = undefined));
      }
      return (await batch).find((user) => user.user_id === args.userId) ?? null;
    },
  },
  Organization: { members: async () => ({ edges: (await get(process.env.ROSTER_PATH, 'members')).map((node) => ({ node })) }) },
  Member: { userId: (member) => member.user_id },
  User: { userId: (user) => user.user_id, lastLogin: (user) => user.last_login ?? null },
};
const server = createServer(createYoga({ schema: createSchema({ typeDefs, resolvers }), logging: false }));
server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
`;

function referenceServer(source: string, env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--input-type=module', '--eval', source], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return serve(child, /port (\d+)/);
}

async function addedLatencySection(sim: RunningSimulator, orgId: string): Promise<string> {
  // Cache off so every query makes its call. One API-wide bucket of 1,000/s and no endpoint buckets: the Enterprise
  // plan's members bucket (500/min) is slower than these one-at-a-time runs, and a call that waits for it measures
  // the tenant's budget, not the graph.
  const graph = await graphServer(sim, { AUTH0_PLAN: 'free', AUTH0_RATE_LIMIT: '1000', AUTH0_RATE_BURST: '1000', AUTH0_GRAPH_CACHE_TTL: '0', AUTH0_GRAPH_LOG_LEVEL: 'info' });
  const toTenant = new Pool(sim.url, { connections: 1 });
  const pools: Pool[] = [toTenant];
  const references: Server[] = [];
  try {
    const token = await tokenFor(sim, toTenant);
    const toGraph = new Pool(graph.url, { connections: 1 });
    pools.push(toGraph);
    const cases = [
      { name: 'roster (1 members page)', body: JSON.stringify({ query: ROSTER, variables: { id: orgId } }) },
      { name: 'enrichment (1 search for 50 ids)', body: JSON.stringify({ query: enrichment(sim.tenant.users.slice(0, 50).map((user) => user.user_id)) }) },
    ];
    const post = (pool: Pool, body: string) => async () => {
      const started = performance.now();
      const response = await pool.request({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body });
      const answer = (await response.body.json()) as { errors?: unknown[] };
      if (answer.errors) throw new Error(JSON.stringify(answer.errors).slice(0, 200));
      return performance.now() - started;
    };
    // Each case's one upstream call, as the graph made it, is what the direct path and the references send.
    const directPaths: string[] = [];
    for (const benchCase of cases) {
      sim.calls.clear();
      await post(toGraph, benchCase.body)();
      directPaths.push(lastCallPath(sim));
    }
    const env = { UPSTREAM: sim.url, TOKEN: token, ROSTER_PATH: directPaths[0] ?? '', ENRICH_PATH: directPaths[1] ?? '' };
    const servers: { name: string; pool: Pool }[] = [];
    for (const [name, source] of [
      ['plain Node.js proxy (no GraphQL)', PLAIN_PROXY],
      ['bare graphql-yoga, same fields', BARE_YOGA],
    ] as const) {
      const reference = await referenceServer(source, env);
      references.push(reference);
      const pool = new Pool(reference.url, { connections: 1 });
      pools.push(pool);
      servers.push({ name, pool });
    }
    servers.push({ name: 'auth0-graph', pool: toGraph });
    const [warmUp, runs] = [100, 300];
    const rows: string[] = [];
    for (const [caseIndex, benchCase] of cases.entries()) {
      const direct = directPaths[caseIndex] ?? '';
      const viaTenant = async () => {
        const started = performance.now();
        const response = await toTenant.request({ method: 'GET', path: direct, headers: { authorization: `Bearer ${token}` } });
        await response.body.json();
        return performance.now() - started;
      };
      const via = servers.map((one) => post(one.pool, benchCase.body));
      // The servers were spawned for this section, while the direct path's client and simulator run in this
      // process, warmed by the sections before: all are warmed alike first, as a server under a user's load is.
      for (let run = 0; run < warmUp; run += 1) {
        for (const send of via) {
          await send();
          await viaTenant();
        }
      }
      const times: number[][] = servers.map(() => []);
      const directTimes: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        for (const [index, send] of via.entries()) {
          times[index]?.push(await send());
          directTimes.push(await viaTenant());
        }
      }
      const [d50, d99] = [percentile(directTimes, 50), percentile(directTimes, 99)];
      rows.push(`| ${benchCase.name} | direct call | ${ms(d50)} / ${ms(d99)} | |`);
      for (const [index, one] of servers.entries()) {
        const taken = times[index] ?? [];
        const [p50, p99] = [percentile(taken, 50), percentile(taken, 99)];
        rows.push(`| | ${one.name} | ${ms(p50)} / ${ms(p99)} | ${signed(p50 - d50)} / ${signed(p99 - d99)} |`);
      }
    }
    return [
      '## Added latency over the fewest direct calls, from another process',
      '',
      `The one upstream call each query needs, sent directly with an undici connection holding a token, beside the same query sent over HTTP to three servers, each in its own process: auth0-graph (one API-wide budget of 1,000/s and no endpoint buckets, so no call waits; cache off; log level info), and for reference a plain Node.js proxy that makes that call and returns its JSON, and a bare graphql-yoga server that makes that call and resolves the same fields from it. Simulator at ${LATENCY_MS} ms, one request at a time, the four interleaved, ${warmUp} untimed runs of each first, then ${runs} timed runs each. Every server's figure includes its own HTTP hop, which a direct caller does not pay; the two reference rows show what a hop and graphql-yoga alone add on this machine.`,
      '',
      '| query | path | p50 / p99 (ms) | added p50 / p99 (ms) |',
      '| --- | --- | --- | --- |',
      ...rows,
    ].join('\n');
  } finally {
    for (const pool of pools) await pool.close();
    for (const reference of references) await reference.close();
    await graph.close();
  }
}

export async function run(): Promise<string> {
  const sim = await startSimulator({ latencyMs: LATENCY_MS });
  try {
    const orgId = sim.tenant.organizations[0]?.id ?? '';
    const sections: string[] = [];
    for (const [name, section] of [
      ['throughput', () => throughputSection(sim, orgId)],
      ['seats pool', () => seatsSection(sim)],
      ['added latency', () => addedLatencySection(sim, orgId)],
    ] as const) {
      console.error(`  process: ${name}`);
      sections.push(await section());
    }
    const [one, five, fifteen] = os.loadavg().map((load) => load.toFixed(2));
    return `${sections.join('\n\n')}\n\nLoad average at the end of these sections: ${one} / ${five} / ${fifteen} (1 / 5 / 15 min) on ${os.cpus().length} cores; the ratios, taken side by side, are what to compare between runs.`;
  } finally {
    await sim.close();
  }
}
