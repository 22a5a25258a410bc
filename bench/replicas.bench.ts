/**
 * The operator's view of replicas: `auth0-graph serve` processes in front of one simulator tenant limited to 5 burst,
 * 5/s, asked 15 distinct one-call queries a second (3x the tenant's rate) spread evenly over the replicas. Side by side
 * in one run: one process on Redis, three replicas on Redis, three without Redis (each on its own pacing), and three on
 * a Redis stopped for 30 s mid-run and started again. The Redis is a throwaway one of this bench's own.
 */
import os from 'node:os';
import { startSimulator } from '../src/simulator/index.ts';
import type { RunningSimulator } from '../src/simulator/options.ts';
import { startThrowawayRedis } from '../test/helpers/throwaway-redis.ts';
import { graphServer } from './process.bench.ts';
import type { Server } from './process.bench.ts';

const LIMIT = { burst: 5, perSecond: 5 };
const DEMAND_PER_SECOND = LIMIT.perSecond * 3;
const RUN_S = Number(process.env.BENCH_DURATION_S ?? 40);
const OUTAGE = { beforeS: 15, downS: 30, afterS: 30 };
const QUERY = 'query($id: String!) { user(userId: $id) { userId } }';

interface Tally {
  ok: number;
  refused: number;
  /** Failures other than RATE_LIMITED, by error code. */
  readonly other: Record<string, number>;
}

/** The first seconds hold the initial burst: the sustained rate is read after them. */
const WARM_UP_S = 5;

interface Scenario {
  readonly name: string;
  readonly seconds: number;
  readonly tallies: readonly Tally[];
  /** Upstream 200s per second from the end of the warm-up to the last arrival. */
  readonly sustainedPerSecond: number;
  readonly upstream429: number;
  /** When each 429 reached the simulator (epoch ms). */
  readonly at429: readonly number[];
  readonly maxInOneSecond: number;
}

function replicaSettings(redisUrl: string | undefined): Record<string, string> {
  return {
    AUTH0_PLAN: 'enterprise',
    AUTH0_RATE_LIMIT: String(LIMIT.perSecond),
    AUTH0_RATE_BURST: String(LIMIT.burst),
    AUTH0_GRAPH_CACHE_TTL: '0',
    AUTH0_GRAPH_TIMEOUT_MS: '3000',
    ...(redisUrl === undefined ? {} : { REDIS_URL: redisUrl }),
  };
}

async function ask(server: Server, id: string, tally: Tally): Promise<void> {
  try {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY, variables: { id } }),
    });
    const body = (await response.json()) as { data?: { user?: unknown }; errors?: { extensions?: { code?: string } }[] };
    const code = body.errors?.[0]?.extensions?.code;
    if (body.errors === undefined && body.data?.user != null) tally.ok += 1;
    else if (code === 'RATE_LIMITED') tally.refused += 1;
    else tally.other[code ?? 'no data'] = (tally.other[code ?? 'no data'] ?? 0) + 1;
  } catch {
    tally.other['no answer'] = (tally.other['no answer'] ?? 0) + 1;
  }
}

/** Open-loop arrivals, round-robin over the replicas; resolves once every answer is in. */
async function drive(sim: RunningSimulator, servers: readonly Server[], seconds: number, tallies: readonly Tally[]): Promise<void> {
  const users = sim.tenant.users;
  const total = seconds * DEMAND_PER_SECOND;
  const started = Date.now();
  const pending: Promise<void>[] = [];
  for (let index = 0; index < total; index += 1) {
    const delay = started + (index * 1000) / DEMAND_PER_SECOND - Date.now();
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const replica = index % servers.length;
    pending.push(ask(servers[replica] as Server, users[index % users.length]?.user_id ?? "", tallies[replica] as Tally));
  }
  await Promise.all(pending);
}

async function scenario(name: string, replicas: number, redisUrl: string | undefined, seconds: number, during?: (servers: readonly Server[]) => Promise<void>): Promise<Scenario> {
  const sim = await startSimulator({ rateLimit: { global: LIMIT, groups: {} }, size: { users: 400, organizations: 2, largestOrganizationMembers: 5, applications: 2, statsDays: 1 } });
  const servers = await Promise.all(Array.from({ length: replicas }, () => graphServer(sim, replicaSettings(redisUrl))));
  const tallies = servers.map((): Tally => ({ ok: 0, refused: 0, other: {} }));
  try {
    sim.calls.clear();
    const started = Date.now();
    await Promise.all([drive(sim, servers, seconds, tallies), during?.(servers)]);
    const onApi = (entry: { path: string }) => entry.path !== '/stats/active-users';
    return {
      name,
      seconds,
      tallies,
      sustainedPerSecond:
        sim.calls.count((entry) => onApi(entry) && entry.status === 200 && entry.at >= started + WARM_UP_S * 1000 && entry.at < started + seconds * 1000) / (seconds - WARM_UP_S),
      upstream429: sim.calls.count({ status: 429 }),
      at429: sim.calls.entries.filter((entry) => entry.status === 429).map((entry) => entry.at),
      maxInOneSecond: sim.calls.maxInAnyWindow(1_000),
    };
  } finally {
    await Promise.all(servers.map((server) => server.close()));
    await sim.close();
  }
}

interface OutageReport {
  readonly ready: string[];
  /** Seconds from Redis's return to every replica's /ready saying it draws on the shared budget again. */
  backAfterS: number | undefined;
  stoppedAt: number;
  startedAt: number;
}

const readyBody = async (server: Server): Promise<string> => {
  try {
    return await (await fetch(`${server.url}/ready`)).text();
  } catch {
    return 'no answer';
  }
};

function table(rows: readonly Scenario[]): string {
  const lines = [
    '| setup | sustained upstream 200s (of the tenant\'s rate) | upstream 429s | most calls in any 1 s | answered per replica | refused (RATE_LIMITED) | other failures |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    const perSecond = row.sustainedPerSecond;
    const other = Object.entries(row.tallies.reduce<Record<string, number>>((sum, tally) => {
      for (const [code, count] of Object.entries(tally.other)) sum[code] = (sum[code] ?? 0) + count;
      return sum;
    }, {}));
    const served = row.tallies.map((tally) => tally.ok);
    lines.push(
      `| ${row.name} | ${perSecond.toFixed(2)}/s (${((perSecond / LIMIT.perSecond) * 100).toFixed(1)} %) | ${row.upstream429} | ${row.maxInOneSecond} | ${served.join(' / ')} (max/min ${(Math.max(...served) / Math.max(1, Math.min(...served))).toFixed(2)}) | ${row.tallies.reduce((sum, tally) => sum + tally.refused, 0)} | ${other.length === 0 ? 0 : other.map(([code, count]) => `${count} ${code}`).join(', ')} |`,
    );
  }
  return lines.join('\n');
}

export async function run(): Promise<string> {
  const redis = await startThrowawayRedis();
  const redisUrl = redis.url;
  try {
    const rows: Scenario[] = [];
    rows.push(await scenario('1 process, Redis', 1, redisUrl, RUN_S));
    rows.push(await scenario('3 replicas, Redis', 3, redisUrl, RUN_S));
    rows.push(await scenario('3 replicas, no Redis (each alone)', 3, undefined, RUN_S));

    const outage: OutageReport = { ready: [], backAfterS: undefined, stoppedAt: Infinity, startedAt: Infinity };
    const outageSeconds = OUTAGE.beforeS + OUTAGE.downS + OUTAGE.afterS;
    const withOutage = await scenario('3 replicas, Redis stopped 30 s mid-run', 3, redisUrl, outageSeconds, async (servers) => {
      const at = Date.now();
      const until = (s: number) => new Promise((resolve) => setTimeout(resolve, at + s * 1000 - Date.now()));
      await until(OUTAGE.beforeS);
      await redis.stop();
      outage.stoppedAt = Date.now();
      const readySeen = new Set<string>();
      const downUntil = Date.now() + OUTAGE.downS * 1000;
      while (Date.now() < downUntil) {
        for (const body of await Promise.all(servers.map(readyBody))) readySeen.add(body);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      outage.ready.push(...readySeen);
      await redis.start();
      const back = Date.now();
      outage.startedAt = back;
      while (outage.backAfterS === undefined && Date.now() - back < OUTAGE.afterS * 1000) {
        const bodies = await Promise.all(servers.map(readyBody));
        if (bodies.every((body) => !body.includes('degraded'))) outage.backAfterS = (Date.now() - back) / 1000;
        else await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    rows.push(withOutage);
    const during = withOutage.at429.filter((at) => at >= outage.stoppedAt && at < outage.startedAt).length;
    const after = withOutage.at429.filter((at) => at >= outage.startedAt).length;

    return [
      '## Replicas sharing one tenant budget',
      '',
      `Simulator tenant limited to ${LIMIT.burst} burst, ${LIMIT.perSecond}/s (one global bucket); ${DEMAND_PER_SECOND} distinct one-call queries (\`user(userId:)\`, caches off) a second, open-loop, round-robin over the replicas (3x the tenant's rate), each replica a \`serve\` process configured with the tenant's limit and a 3 s request deadline. Runs of ${RUN_S} s; the outage run is ${OUTAGE.beforeS} s, then Redis stopped for ${OUTAGE.downS} s, then ${OUTAGE.afterS} s after it is started again. "Sustained" counts upstream 200s per second from ${WARM_UP_S} s into the run (past the initial burst) to the last arrival; "most calls in any 1 s" is over the whole run, against the ${LIMIT.burst + LIMIT.perSecond} the tenant admits (its burst plus a second's refill).`,
      '',
      table(rows),
      '',
      `Headroom: each replica's local bucket holds 80 % of the burst (${Math.floor(LIMIT.burst * 0.8)} of ${LIMIT.burst} tokens here) and refills at 99 % of the stated rate (${(LIMIT.perSecond * 0.99).toFixed(2)}/s), or all of a rate the headers prove. Requests reach Auth0 later than they leave and unevenly; the fifth of the burst kept free absorbs that (up to ${Math.round((LIMIT.burst * 0.2 * 1000) / LIMIT.perSecond)} ms of jitter at this rate), so the sustained margin can be 1 %: a 5 % one left a twentieth of the tenant's rate unused. With replicas, shares read from Redis at slightly different moments add up to about the whole; the shared take in Redis is the bound on their sum.`,
      '',
      `Redis outage: ${during} upstream 429s while Redis was down and ${after} after it was back; /ready bodies seen while it was down: ${outage.ready.map((body) => `\`${body}\``).join(', ')}; every replica's /ready said it drew on the shared budget again ${outage.backAfterS === undefined ? 'not within the run' : `${outage.backAfterS.toFixed(1)} s after Redis was started again`}.`,
      '',
      `Load average at the end: ${os.loadavg().map((load) => load.toFixed(2)).join(' / ')} (1 / 5 / 15 min) on ${os.cpus().length} cores; "other failures" are calls whose deadline passed in flight (\`UPSTREAM_UNAVAILABLE\`), which a starved CPU makes more of in the one process serving all the load.`,
    ].join('\n');
  } finally {
    await redis.stop();
  }
}
