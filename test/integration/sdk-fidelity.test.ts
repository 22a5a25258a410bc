import type { ManagementClient } from 'auth0';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';
import { sdkClient } from '../helpers/sdk-client.ts';

/**
 * The official SDK v7 pointed at the simulator. Where the SDK and the simulator disagree, the
 * simulator is wrong: the SDK is generated from Auth0's own OpenAPI spec.
 */
let sim: RunningSimulator;
beforeAll(async () => {
  // Scope-accurate: what the SDK is held to is Auth0's documented behaviour, which leaves keys out without the scope.
  sim = await startSimulator({ size: { users: 120, organizations: 7, largestOrganizationMembers: 35 }, secrets: 'scope-accurate' });
});
afterAll(() => sim.close());

function sdk(options: { token?: string } = {}): ManagementClient {
  return sdkClient(sim, options);
}

describe('auth0 SDK v7 against the simulator', () => {
  it('gets a token by client credentials and pages every user with offset paging', async () => {
    const client = sdk();
    const ids: string[] = [];
    for await (const user of await client.users.list({ per_page: 50 })) ids.push(String(user.user_id));
    expect(ids).toEqual(sim.tenant.users.map((u) => u.user_id));
    expect(sim.tokenCalls.count({ status: 200 })).toBe(1);
    expect(sim.calls.entries.some((c) => c.route === '/users' && c.query.include_totals === 'true')).toBe(true);
  });

  it('walks organizations with its checkpoint auto-pager', async () => {
    const ids: string[] = [];
    for await (const org of await sdk().organizations.list({ take: 3 })) ids.push(String(org.id));
    expect(ids).toEqual(sim.tenant.organizations.map((o) => o.id));
  });

  it('reads members with their roles through fields=roles', async () => {
    const org = sim.tenant.organizations[0];
    const members: { user_id?: string; roles?: { id?: string }[] }[] = [];
    for await (const member of await sdk().organizations.members.list(org?.id ?? '', { fields: 'user_id,roles', take: 10 })) {
      members.push(member);
    }
    const expected = sim.tenant.members.get(org?.id ?? '') ?? [];
    expect(members.map((m) => m.user_id)).toEqual(expected.map((m) => m.user_id));
    expect(members.map((m) => (m.roles ?? []).map((r) => r.id))).toEqual(expected.map((m) => m.role_ids));
  });

  it('lists roles and clients, without client secrets', async () => {
    const client = sdk();
    const roles = await client.roles.list();
    expect(roles.data.map((r) => r.id)).toEqual(sim.tenant.roles.map((r) => r.id));
    const clients = await client.clients.list();
    expect(clients.data).toHaveLength(sim.tenant.clients.length);
    expect(clients.data.some((c) => c.client_secret !== undefined)).toBe(false);
  });

  it('surfaces a 404 and a 403 as errors with the status', async () => {
    await expect(sdk().users.get('auth0|does-not-exist')).rejects.toMatchObject({ statusCode: 404 });
    await expect(sdk({ token: sim.issueToken(['read:users']) }).roles.list()).rejects.toMatchObject({ statusCode: 403 });
  });

  it('retries a 429 on its own and succeeds', async () => {
    const client = sdk({ token: sim.issueToken(['read:roles']) });
    sim.calls.clear();
    sim.faults.rateLimitStorm = { untilMs: Date.now() + 300 };
    const role = sim.tenant.roles[0];
    const got = await client.roles.get(role?.id ?? '');
    sim.faults.reset();
    expect(got.id).toBe(role?.id);
    const statuses = sim.calls.entries.filter((c) => c.route === '/roles/{id}').map((c) => c.status);
    expect(statuses[0]).toBe(429);
    expect(statuses.at(-1)).toBe(200);
  });
});
