import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';

const SIZE = { users: 40, organizations: 3, largestOrganizationMembers: 10 };

async function burst(sim: RunningSimulator, path: string, count: number): Promise<Response[]> {
  const authorization = `Bearer ${sim.issueToken(['read:users', 'read:organizations', 'read:roles'])}`;
  return Promise.all(Array.from({ length: count }, () => fetch(`${sim.url}/api/v2${path}`, { headers: { authorization } })));
}

describe('custom global bucket', () => {
  let sim: RunningSimulator;
  let clock = Date.UTC(2026, 0, 1);
  beforeAll(async () => {
    sim = await startSimulator({ size: SIZE, now: () => clock, rateLimit: { global: { burst: 5, perSecond: 5 } } });
  });
  afterAll(() => sim.close());

  it('admits only the burst of a concurrent flood, then refills at the sustained rate', async () => {
    const first = await burst(sim, '/roles', 30);
    expect(first.filter((r) => r.status === 200)).toHaveLength(5);
    expect(first.filter((r) => r.status === 429)).toHaveLength(25);
    clock += 1000;
    const second = await burst(sim, '/roles', 30);
    expect(second.filter((r) => r.status === 200)).toHaveLength(5);
    expect(sim.calls.maxInAnyWindow(1000, { status: 200 })).toBeLessThanOrEqual(5);
    expect(sim.calls.count({ status: 429 })).toBe(50);
  });

  it('sends the 429 body and x-ratelimit headers', async () => {
    const [limited] = (await burst(sim, '/roles', 6)).filter((r) => r.status === 429);
    expect(limited).toBeDefined();
    expect(await limited?.json()).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Global limit has been reached',
      errorCode: 'too_many_requests',
    });
    expect(limited?.headers.get('x-ratelimit-limit')).toBe('5');
    expect(limited?.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited?.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(Math.floor(clock / 1000));
    expect(limited?.headers.get('retry-after')).toBeNull();
  });
});

describe('essentials preset', () => {
  let sim: RunningSimulator;
  let clock = Date.UTC(2026, 0, 1);
  beforeAll(async () => {
    sim = await startSimulator({ size: SIZE, now: () => clock, rateLimit: 'essentials', retryAfterHeader: true });
  });
  afterAll(() => sim.close());

  it('limits each endpoint group to its own bucket (organizations 5 burst, users 40 burst)', async () => {
    const orgs = await burst(sim, '/organizations', 12);
    expect(orgs.filter((r) => r.status === 200)).toHaveLength(5);
    const users = await burst(sim, '/users?per_page=1', 50);
    expect(users.filter((r) => r.status === 200)).toHaveLength(40);
    const ok = users.find((r) => r.status === 200);
    expect(ok?.headers.get('x-ratelimit-limit')).toBe('40');
    const limited = orgs.find((r) => r.status === 429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refills per-minute buckets once a second (50/min → 5 tokens after 6 s)', async () => {
    clock += 6_000;
    const orgs = await burst(sim, '/organizations', 12);
    expect(orgs.filter((r) => r.status === 200)).toHaveLength(5);
  });
});
