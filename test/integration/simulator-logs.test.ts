import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type LogEntry, type RunningSimulator } from '../../src/simulator/index.ts';

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);
let clock = T0;
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ size: { users: 30, organizations: 3, largestOrganizationMembers: 10 }, logDelayMs: 2_000, now: () => clock });
});
afterAll(() => sim.close());

async function get(path: string, scopes = ['read:logs']): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sim.url}/api/v2${path}`, { headers: { authorization: `Bearer ${sim.issueToken(scopes)}` } });
  return { status: res.status, body: await res.json() };
}
const ids = (body: unknown): string[] => (body as LogEntry[]).map((e) => e.log_id);

describe('tenant logs', () => {
  it('a login bumps the profile at once and shows in /logs only after the delay, as an s entry', async () => {
    const user = sim.tenant.users[4];
    const before = user?.logins_count ?? 0;
    const entry = sim.login(user?.user_id ?? '');
    expect(user?.logins_count).toBe(before + 1);
    expect(user?.last_login).toBe(new Date(clock).toISOString());
    expect((await get('/logs?take=10')).body).toEqual([]);
    clock += 2_000;
    const [seen] = (await get('/logs?take=10')).body as LogEntry[];
    expect(seen).toEqual(entry);
    expect(seen).toMatchObject({ type: 's', user_id: user?.user_id, connection: 'Username-Password-Authentication', date: new Date(T0).toISOString() });
    expect((await get(`/logs/${entry.log_id}`)).body).toEqual(entry);
  });

  it('checkpoint mode gives the entries after an id, oldest first, ignoring offset parameters', async () => {
    const users = sim.tenant.users.slice(10, 15);
    for (const user of users) sim.login(user.user_id);
    clock += 2_000;
    const all = sim.logEntries().map((e) => e.log_id);
    const first = all[0] ?? '';
    const page = (await get(`/logs?from=${first}&take=3&page=4&per_page=1&include_totals=true`)).body;
    expect(ids(page)).toEqual(all.slice(1, 4));
    expect(ids((await get(`/logs?from=${all.at(-1)}&take=100`)).body)).toEqual([]);
    expect(ids((await get('/logs?take=2')).body)).toEqual(all.slice(-2).reverse());
  });

  it('offset mode lists newest first with Auth0 envelope, fields and a type search', async () => {
    const total = sim.logEntries().length;
    const body = (await get('/logs?page=0&per_page=2&include_totals=true&fields=log_id,type')).body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['length', 'limit', 'logs', 'start', 'total']);
    expect(body.total).toBe(total);
    expect(body.logs).toEqual(sim.logEntries().slice(-2).reverse().map((e) => ({ log_id: e.log_id, type: e.type })));
    expect(ids((await get('/logs?sort=date:1')).body)[0]).toBe(sim.logEntries()[0]?.log_id);
    expect((await get('/logs?q=type:sapi')).body).toEqual([]);
    expect((await get(`/logs?q=type:s AND user_id:"${sim.tenant.users[4]?.user_id}"`)).body).toHaveLength(1);
  });

  it('needs read:logs or read:logs_users', async () => {
    expect((await get('/logs', ['read:users'])).status).toBe(403);
    expect((await get('/logs', ['read:logs_users'])).status).toBe(200);
  });
});

describe('activity generator', () => {
  it('logs users in and moves members through the Management API, deterministically, leaving s and sapi entries', async () => {
    const run = async (): Promise<{ activities: unknown[]; types: string[]; sizes: number[] }> => {
      const living = await startSimulator({ size: { users: 30, organizations: 3, largestOrganizationMembers: 10 }, activity: { autoStart: false, membershipChance: 1 } });
      try {
        const activities = [];
        for (let i = 0; i < 4; i += 1) activities.push(...((await living.activity?.step()) ?? []));
        const types = living.logEntries().map((e) => String(e.type));
        const joins = activities.filter((a) => a.kind === 'join').length;
        const leaves = activities.filter((a) => a.kind === 'leave').length;
        expect(types.filter((t) => t === 's')).toHaveLength(4);
        expect(types.filter((t) => t === 'sapi')).toHaveLength(joins + leaves);
        expect(living.calls.count({ status: 204 })).toBe(joins + leaves);
        for (const a of activities.filter((x) => x.kind === 'join')) {
          expect(living.tenant.members.get(a.organizationId ?? '')?.some((m) => m.user_id === a.userId)).toBe(true);
        }
        return { activities, types, sizes: living.tenant.organizations.map((o) => living.tenant.members.get(o.id)?.length ?? 0) };
      } finally {
        await living.close();
      }
    };
    const first = await run();
    expect(first.activities.length).toBeGreaterThan(4);
    expect(await run()).toEqual(first);
  });

  it('act() moves one member as an administrator would, through the API, leaving its sapi entry', async () => {
    const org = sim.tenant.organizations[1]?.id ?? '';
    const members = new Set(sim.tenant.members.get(org)?.map((m) => m.user_id));
    const userId = sim.tenant.users.find((u) => !members.has(u.user_id))?.user_id ?? '';
    await sim.act({ kind: 'join', organizationId: org, userId });
    expect(sim.tenant.members.get(org)?.some((m) => m.user_id === userId)).toBe(true);
    const last = sim.logEntries().at(-1);
    expect(last).toMatchObject({ type: 'sapi', description: 'Add members to an organization' });
    expect(last?.details).toMatchObject({ request: { method: 'post', path: `/api/v2/organizations/${org}/members`, body: { members: [userId] } } });
  });
});
