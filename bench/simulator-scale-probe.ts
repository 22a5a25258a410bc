/**
 * One scale's numbers, in a process of its own so heap figures are that tenant's alone: run by
 * simulator-scale.bench.ts as `node --expose-gc --import tsx bench/simulator-scale-probe.ts <scale>`; prints JSON.
 */
import { startSimulator, type RunningSimulator, type TenantScale } from '../src/simulator/index.ts';

export interface ProbeResult {
  readonly scale: TenantScale;
  readonly users: number;
  readonly organizations: number;
  readonly largestMembers: number;
  readonly startMs: number;
  readonly heapMiB: number;
  readonly rssMiB: number;
  /** Name → [milliseconds, requests, records]. */
  readonly walks: Readonly<Record<string, readonly [number, number, number]>>;
}

const SCOPES = ['read:users', 'read:organizations', 'read:organization_members'];

const mib = (bytes: number): number => Math.round(bytes / 2 ** 20);

async function getJson(sim: RunningSimulator, token: string, path: string, query: Record<string, string>): Promise<unknown> {
  const response = await fetch(`${sim.url}/api/v2${path}?${new URLSearchParams(query).toString()}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Follows `next` from the first page to the end; returns [requests, records]. */
async function checkpointWalk(sim: RunningSimulator, token: string, path: string, key: string): Promise<[number, number]> {
  let requests = 0;
  let records = 0;
  let from: string | undefined;
  for (;;) {
    const page = (await getJson(sim, token, path, { take: '100', ...(from === undefined ? {} : { from }) })) as Record<string, unknown>;
    requests += 1;
    const list = page[key] as unknown[];
    records += list.length;
    if (typeof page.next !== 'string' || list.length < 100) return [requests, records];
    from = page.next;
  }
}

async function searchPages(sim: RunningSimulator, token: string, queries: readonly string[]): Promise<[number, number]> {
  let records = 0;
  for (const q of queries) {
    const page = (await getJson(sim, token, '/users', { q, search_engine: 'v3', per_page: '100', include_totals: 'true' })) as { users: unknown[] };
    records += page.users.length;
  }
  return [queries.length, records];
}

async function timed(run: () => Promise<[number, number]>): Promise<[number, number, number]> {
  const started = performance.now();
  const [requests, records] = await run();
  return [Math.round(performance.now() - started), requests, records];
}

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
const scale = (process.argv[2] ?? 'large') as TenantScale;
gc();
const baseline = process.memoryUsage().heapUsed;
const started = performance.now();
const sim = await startSimulator({ scale, secrets: 'worst-case' });
const startMs = Math.round(performance.now() - started);
gc();
const memory = process.memoryUsage();
const { users, organizations, members } = sim.tenant;
const largest = organizations[0];
if (largest === undefined) throw new Error('no organizations');
const token = sim.issueToken(SCOPES);
const ids = users.filter((_, i) => i % Math.floor(users.length / 100) === 0).slice(0, 100).map((u) => `"${u.user_id}"`);
// A window of about 1,000 users, as the graph cuts a listing into to stay under the search cap.
const windowFrom = users[Math.floor(users.length / 2)]?.created_at ?? '*';
const windowTo = users[Math.floor(users.length / 2) + 1000]?.created_at ?? '*';
const walks: Record<string, [number, number, number]> = {
  'organizations, checkpoint': await timed(() => checkpointWalk(sim, token, '/organizations', 'organizations')),
  'largest organization members, checkpoint': await timed(() => checkpointWalk(sim, token, `/organizations/${largest.id}/members`, 'members')),
  'user_id:(100 ids), 10 searches': await timed(() => searchPages(sim, token, Array.from({ length: 10 }, () => `user_id:(${ids.join(' OR ')})`))),
  'email:"…", 10 searches': await timed(() => searchPages(sim, token, users.slice(0, 10).map((u) => `email:"${u.email}"`))),
  'organization_id, 10 searches': await timed(() => searchPages(sim, token, Array.from({ length: 10 }, () => `organization_id:"${largest.id}"`))),
  'created_at window of ~1,000, 10 searches': await timed(() =>
    searchPages(sim, token, Array.from({ length: 10 }, () => `created_at:[${windowFrom} TO ${windowTo}}`)),
  ),
};
await sim.close();
const result: ProbeResult = {
  scale,
  users: users.length,
  organizations: organizations.length,
  largestMembers: members.get(largest.id)?.length ?? 0,
  startMs,
  heapMiB: mib(memory.heapUsed - baseline),
  rssMiB: mib(memory.rss),
  walks,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
