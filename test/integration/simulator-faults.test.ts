import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';

let sim: RunningSimulator;
let clock = Date.UTC(2026, 0, 1);
beforeAll(async () => {
  sim = await startSimulator({
    size: { users: 80, organizations: 4, largestOrganizationMembers: 20 },
    now: () => clock,
    indexingDelayMs: 5_000,
    maxUrlBytes: 2_048,
  });
});
afterAll(() => sim.close());
afterEach(() => sim.faults.reset());

async function get(path: string, scopes = ['read:users', 'read:roles', 'read:organization_members']): Promise<Response> {
  return fetch(`${sim.url}/api/v2${path}`, { headers: { authorization: `Bearer ${sim.issueToken(scopes)}` } });
}

describe('faults', () => {
  it('answers every call with 500 or 503 at errorRate 1', async () => {
    sim.faults.errorRate = 1;
    const statuses = await Promise.all(Array.from({ length: 12 }, async () => (await get('/roles')).status));
    expect(statuses.every((s) => s === 500 || s === 503)).toBe(true);
  });

  it('answers 429 during a rate-limit storm and recovers after it', async () => {
    sim.faults.rateLimitStorm = { untilMs: clock + 2_000 };
    const res = await get('/roles');
    expect(res.status).toBe(429);
    // The limit is a bucket size (here the self-service plan's "all other endpoints" bucket), never 0, and
    // the reset when that bucket is full: its first token is due as the storm ends, a tenth of the way there.
    expect(res.headers.get('x-ratelimit-limit')).toBe('10');
    expect(res.headers.get('x-ratelimit-reset')).toBe(String(Math.ceil((clock + 10 * 2_000) / 1000)));
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect((await get('/users?per_page=1')).headers.get('x-ratelimit-limit')).toBe('40');
    clock += 2_000;
    expect((await get('/roles')).status).toBe(200);
  });

  it('drops connections without a response', async () => {
    sim.faults.dropConnections = 1;
    await expect(get('/roles')).rejects.toThrow();
    expect(sim.calls.entries.at(-1)?.status).toBe(0);
  });

  it('expires tokens issued before a given time', async () => {
    const authorization = `Bearer ${sim.issueToken(['read:roles'])}`;
    sim.faults.expireTokensIssuedBefore(clock + 1);
    const res = await fetch(`${sim.url}/api/v2/roles`, { headers: { authorization } });
    expect(res.status).toBe(401);
    clock += 1;
    expect((await get('/roles')).status).toBe(200);
  });

  it('answers an overlong URL with 414', async () => {
    const res = await get(`/users?fields=${'x'.repeat(3_000)}`);
    expect(res.status).toBe(414);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});

describe('eventual consistency (indexingDelayMs)', () => {
  it('shows a new user to /users/{id} and /users-by-email at once, to /users only after the delay', async () => {
    const user = sim.createUser({ email: 'Fresh.Person@Example.com' });
    expect(user.email).toBe('fresh.person@example.com');
    expect((await get(`/users/${encodeURIComponent(user.user_id)}`)).status).toBe(200);
    expect(await (await get('/users-by-email?email=fresh.person@example.com')).json()).toHaveLength(1);
    const listed = async (): Promise<boolean> =>
      ((await (await get('/users?per_page=100')).json()) as { user_id: string }[]).some((u) => u.user_id === user.user_id);
    expect(await listed()).toBe(false);
    clock += 5_000;
    expect(await listed()).toBe(true);
  });

  it('hides a new membership from member listings until the delay passes', async () => {
    const org = sim.tenant.organizations[1]?.id ?? '';
    const members = new Set(sim.tenant.members.get(org)?.map((m) => m.user_id));
    const outsider = sim.tenant.users.find((u) => !members.has(u.user_id));
    sim.addMember(org, outsider?.user_id ?? '', [sim.tenant.roles[0]?.id ?? '']);
    const listed = async (): Promise<boolean> =>
      ((await (await get(`/organizations/${org}/members?per_page=100`)).json()) as { user_id: string }[]).some(
        (m) => m.user_id === outsider?.user_id,
      );
    expect(await listed()).toBe(false);
    clock += 5_000;
    expect(await listed()).toBe(true);
  });
});
