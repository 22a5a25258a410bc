import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuth0Client } from '../../src/auth0/index.ts';
import type { Auth0Client, CacheEvent } from '../../src/auth0/types.ts';
import { createResponseCache } from '../../src/cache/response-cache.ts';
import type { ResponseCache } from '../../src/cache/response-cache.ts';
import { withResponseCache } from '../../src/cache/with-response-cache.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { clientSettingsFor } from '../../src/simulator/client-settings.ts';

const TTL = 5_000;
let sim: RunningSimulator;
let upstream: Auth0Client;

beforeAll(async () => {
  sim = await startSimulator({
    size: { users: 20, organizations: 2, largestOrganizationMembers: 10, applications: 2, statsDays: 3 },
  });
  upstream = createAuth0Client(
    clientSettingsFor(sim),
    // One attempt: these tests are about the cache's answer to a failure, not the retry loop's.
    { maxAttempts: 1 },
  );
});

afterAll(async () => {
  await upstream.close();
  await sim.close();
});

let clock: { t: number };
let cache: ResponseCache;
let client: Auth0Client;
let events: CacheEvent[];

beforeEach(() => {
  sim.faults.reset();
  sim.calls.clear();
  clock = { t: 0 };
  cache = createResponseCache({ ttlMs: TTL, maxBytes: 2 ** 20, staleWindowMs: 60_000, tenant: sim.domain, now: () => clock.t });
  client = withResponseCache(upstream, cache);
  events = [];
});

const userPath = (index: number) => `/users/${encodeURIComponent(sim.tenant.users[index]?.user_id ?? '')}`;
const get = (path: string) => client.get({ path, onCache: (event) => events.push(event) });

describe('the response cache in front of the real client and the simulator', () => {
  it('makes 100 concurrent identical requests cost one Management API call', async () => {
    const org = sim.tenant.organizations[0]?.id ?? '';
    const request = { path: `/organizations/${org}/members`, query: { fields: 'user_id,roles', per_page: 50 } };
    const answers = await Promise.all(Array.from({ length: 100 }, () => client.get(request)));
    expect(new Set(answers).size).toBe(1);
    expect(sim.calls.count({ route: '/organizations/{id}/members' })).toBe(1);
    await client.get(request);
    expect(sim.calls.count()).toBe(1);
  });

  it('remembers a 404, and only a 404', async () => {
    await expect(get('/users/auth0%7Cnobody')).rejects.toMatchObject({ code: 'AUTH0_NOT_FOUND' });
    await expect(get('/users/auth0%7Cnobody')).rejects.toMatchObject({ code: 'AUTH0_NOT_FOUND' });
    expect(sim.calls.count({ route: '/users/{id}' })).toBe(1);
    expect(events).toEqual([
      { route: '/users/{id}', outcome: 'miss' },
      { route: '/users/{id}', outcome: 'hit' },
    ]);

    sim.faults.errorRate = 1;
    await expect(get(userPath(1))).rejects.toMatchObject({ code: 'AUTH0_UPSTREAM' });
    sim.faults.reset();
    await expect(get(userPath(1))).resolves.toMatchObject({ user_id: sim.tenant.users[1]?.user_id });
    expect(sim.calls.count({ route: '/users/{id}' })).toBe(3);
  });

  it('serves a stale answer while Auth0 fails, and says so', async () => {
    const fresh = await get(userPath(0));
    clock.t = TTL + 1;
    sim.faults.errorRate = 1;
    await expect(get(userPath(0))).resolves.toBe(fresh);
    expect(events.map((event) => event.outcome)).toEqual(['miss', 'stale']);
    expect(sim.calls.count({ route: '/users/{id}' })).toBe(2);
  });
});
