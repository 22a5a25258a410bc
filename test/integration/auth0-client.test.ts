import { afterEach, describe, expect, it } from 'vitest';
import type { Auth0Settings } from '../../src/config-types.ts';
import { createAuth0Client } from '../../src/auth0/index.ts';
import type { Auth0ClientOptions } from '../../src/auth0/index.ts';
import { systemClock } from '../../src/auth0/clock.ts';
import { isAuth0Error } from '../../src/auth0/errors.ts';
import type { Auth0Error } from '../../src/auth0/errors.ts';
import type { CheckpointPage } from '../../src/auth0/endpoints/lists.ts';
import { listMembers, listOrganizations } from '../../src/auth0/endpoints/organizations.ts';
import { createRateLimiter } from '../../src/auth0/rate-limit/rate-limiter.ts';
import type { RateLimitPreset } from '../../src/auth0/rate-limit/presets.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import type { RunningSimulator, SimulatorOptions } from '../../src/simulator/index.ts';
import { clientSettingsFor } from '../../src/simulator/client-settings.ts';

const SMALL = { users: 60, organizations: 5, largestOrganizationMembers: 20, applications: 2, statsDays: 1 };

let running: { sim: RunningSimulator; close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.map((entry) => entry.close()));
  running = [];
});

function settingsFor(sim: RunningSimulator, credentials: Auth0Settings['credentials'] = { kind: 'client-credentials', ...sim.credentials }): Auth0Settings {
  return clientSettingsFor(sim, { credentials });
}

async function setup(simOptions: SimulatorOptions, limits: RateLimitPreset | undefined, clientOptions: Auth0ClientOptions = {}, credentials?: Auth0Settings['credentials']) {
  const sim = await startSimulator({ size: SMALL, ...simOptions });
  const limiter = limits === undefined ? undefined : createRateLimiter({ preset: limits, clock: systemClock });
  const client = createAuth0Client(settingsFor(sim, credentials), { ...clientOptions, ...(limiter === undefined ? {} : { limiter }) });
  running.push({ sim, close: async () => Promise.all([client.close(), sim.close()]).then(() => undefined) });
  return { sim, client };
}

function outcomes<T>(results: PromiseSettledResult<T>[]): { ok: number; errors: Auth0Error[] } {
  const errors = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as Auth0Error] : []));
  return { ok: results.length - errors.length, errors };
}

// Pacing, 429 storms and learning run on a fake clock against the simulator's bucket logic (test/unit/auth0-pacing,
// auth0-rate-learning); over real HTTP only what needs the wire is checked, by counts, never by time.
describe('AUTH0_PLAN=auto over HTTP', () => {
  it('learns each lane from the simulator\'s headers; no 429 reaches a caller', async () => {
    const sim = await startSimulator({ size: SMALL, rateLimit: 'essentials' });
    const client = createAuth0Client(clientSettingsFor(sim, { plan: 'auto' }));
    running.push({ sim, close: async () => Promise.all([client.close(), sim.close()]).then(() => undefined) });
    const results = await Promise.allSettled([...Array.from({ length: 12 }, () => client.get({ path: '/roles' })), client.get({ path: '/users', query: { per_page: 5 } })]);
    expect(outcomes(results).errors).toEqual([]);
    const { lanes } = client.limiter.snapshot();
    // Essentials: "all other endpoints" 10 burst, user reads 40 (80 % kept as headroom).
    expect(lanes.other).toMatchObject({ capacity: 8, source: 'learned' });
    expect(lanes.users).toMatchObject({ capacity: 32, source: 'learned' });
    expect(sim.calls.count({ status: 429 })).toBe(0);
  });
});

describe('transient failures', () => {
  it('20% injected 500/503s: every call still succeeds', async () => {
    const { sim, client } = await setup({}, { global: { burst: 50, perSecond: 200 }, groups: {} }, { maxAttempts: 6 });
    sim.faults.errorRate = 0.2;
    const results = await Promise.allSettled(Array.from({ length: 60 }, () => client.get({ path: '/roles' })));
    expect(outcomes(results).errors).toEqual([]);
    expect(client.counters.retries).toBeGreaterThan(0);
    expect(sim.calls.count({ status: 200 })).toBe(60);
  });

  it('dropped connections are retried for GETs', async () => {
    const { sim, client } = await setup({}, { global: { burst: 50, perSecond: 200 }, groups: {} }, { maxAttempts: 6 });
    sim.faults.dropConnections = 0.2;
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => client.get({ path: '/roles' })));
    expect(outcomes(results).errors).toEqual([]);
    expect(client.counters.retries).toBeGreaterThan(0);
  });
});

describe('tokens', () => {
  it('token expiry mid-run is invisible: one refresh, one replay', async () => {
    const { sim, client } = await setup({}, undefined);
    await Promise.all(Array.from({ length: 5 }, () => client.get({ path: '/roles' })));
    sim.faults.revokeAllTokens();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => client.get({ path: '/roles' })));
    expect(outcomes(results).errors).toEqual([]);
    expect(sim.tokenCalls.count()).toBe(2);
    expect(client.counters.tokensIssued).toBe(2);
  });

  it('the token endpoint being down is invisible while a valid token is cached', async () => {
    // A leeway close to the token's 24 h lifetime puts every call in the early-refresh window.
    const { sim, client } = await setup({}, undefined, { tokenRefreshLeewayMs: 86_399_999 });
    await client.get({ path: '/roles' });
    sim.faults.tokenEndpointDown = true;
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => client.get({ path: '/roles' })));
    expect(outcomes(results).errors).toEqual([]);
    expect(sim.tokenCalls.count()).toBeGreaterThanOrEqual(2);
  });

  it('with no valid token, callers get the actionable token error', async () => {
    const { sim, client } = await setup({}, undefined);
    sim.faults.tokenEndpointDown = true;
    await expect(client.get({ path: '/roles' })).rejects.toMatchObject({ code: 'AUTH0_TOKEN', message: expect.stringMatching(/token endpoint/) });
  });

  it.each([
    ['wrong secret', (sim: RunningSimulator) => ({ clientId: sim.credentials.clientId, clientSecret: 'wrong' }), /AUTH0_CLIENT_SECRET/],
    ['no client grant', (sim: RunningSimulator) => sim.addMachineClient({ scopes: ['read:users'], granted: false }), /client grant.*read:users.*read:organizations/],
    ['grant type disabled', (sim: RunningSimulator) => sim.addMachineClient({ scopes: ['read:users'], grantTypes: ['authorization_code'] }), /Client Credentials/],
  ])('%s → a message naming the fix', async (_name, credentialsOf, message) => {
    const sim = await startSimulator({ size: SMALL });
    const credentials = credentialsOf(sim);
    const client = createAuth0Client(settingsFor(sim, { kind: 'client-credentials', ...credentials }));
    running.push({ sim, close: async () => Promise.all([client.close(), sim.close()]).then(() => undefined) });
    const error: unknown = await client.get({ path: '/roles' }).catch((caught: unknown) => caught);
    expect(isAuth0Error(error, 'AUTH0_TOKEN')).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(credentials.clientSecret);
  });

  it('403 for a missing scope names the scope', async () => {
    const sim = await startSimulator({ size: SMALL });
    const credentials = sim.addMachineClient({ scopes: ['read:users'] });
    const client = createAuth0Client(settingsFor(sim, { kind: 'client-credentials', ...credentials }));
    running.push({ sim, close: async () => Promise.all([client.close(), sim.close()]).then(() => undefined) });
    await expect(client.get({ path: '/organizations', query: { take: 5 } })).rejects.toMatchObject({
      code: 'AUTH0_FORBIDDEN',
      missingScope: 'read:organizations',
      route: '/organizations',
    });
  });
});

describe('checkpoint paging over a large tenant', () => {
  /** Every record of a checkpoint list, walked the way resolvers walk it: `from` is the last page's `next`. */
  async function walk<T>(list: (from: string | undefined) => Promise<CheckpointPage<T>>): Promise<T[]> {
    const items: T[] = [];
    let from: string | undefined;
    do {
      const page = await list(from);
      items.push(...page.items);
      from = page.items.length === 0 ? undefined : page.next;
    } while (from !== undefined);
    return items;
  }

  it('visits every organization and every member of the 1,000+ organization exactly once', async () => {
    const { sim, client } = await setup({ size: { users: 1_200, organizations: 1_050, largestOrganizationMembers: 1_100, applications: 2, statsDays: 1 } }, undefined);
    const organizations = await walk((from) => listOrganizations(client, { from, take: 100 }, {}));
    const orgIds = organizations.map((organization) => organization.id);
    expect(orgIds).toHaveLength(sim.tenant.organizations.length);
    expect(new Set(orgIds).size).toBe(orgIds.length);

    const largest = sim.tenant.organizations[0];
    if (largest === undefined) throw new Error('seeded tenant has no organization');
    const members = await walk((from) => listMembers(client, largest.id, { from, take: 100, fields: [] }, {}));
    const expected = sim.tenant.members.get(largest.id) ?? [];
    expect(expected.length).toBeGreaterThan(1_000);
    expect(members).toHaveLength(expected.length);
    expect(new Set(members.map((member) => member.user_id))).toEqual(new Set(expected.map((member) => member.user_id)));
  });
});
