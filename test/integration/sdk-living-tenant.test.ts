import type { ManagementClient } from 'auth0';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type LogEntry, type RunningSimulator } from '../../src/simulator/index.ts';
import { sdkClient } from '../helpers/sdk-client.ts';

/**
 * The official SDK v7 drives the simulator's living side: the tenant log in both its modes, and (below) the
 * writes the graph reads back with the entries they leave. Where the SDK and the simulator disagree, the simulator
 * is wrong.
 */
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ size: { users: 60, organizations: 4, largestOrganizationMembers: 20 }, secrets: 'scope-accurate' });
});
afterAll(() => sim.close());

const sdk = (scopes: string[]): ManagementClient => sdkClient(sim, { token: sim.issueToken(scopes) });

describe('auth0 SDK v7 and the tenant log', () => {
  it('pages the log by offset (its default) and reads one entry by id', async () => {
    for (const user of sim.tenant.users.slice(0, 7)) sim.login(user.user_id);
    const seen: string[] = [];
    for await (const entry of await sdk(['read:logs']).logs.list({ per_page: 3 })) seen.push(String(entry.log_id));
    expect(seen).toEqual(sim.logEntries().map((e) => e.log_id).reverse());
    const one = await sdk(['read:logs']).logs.get(seen[0] ?? '');
    expect(one).toMatchObject({ log_id: seen[0], type: 's' });
  });

  it('reads from a checkpoint through its extra query parameters, getting a bare array', async () => {
    const all = sim.logEntries();
    const page = await sdk(['read:logs']).logs.list({}, { queryParams: { from: all[1]?.log_id, take: 3 } });
    expect((page.response as unknown as LogEntry[]).map((e) => e.log_id)).toEqual(all.slice(2, 5).map((e) => e.log_id));
  });
});

const WRITE_SCOPES = [
  'read:users', 'read:roles', 'read:organizations', 'read:organization_members', 'read:organization_member_roles',
  'create:users', 'update:users', 'delete:users', 'create:role_members', 'delete:role_members', 'update:organizations',
  'create:organization_members', 'delete:organization_members', 'create:organization_member_roles',
  'delete:organization_member_roles',
];

/** The `sapi` entries written since `mark` (a count of entries), as method, path and status. */
function writesSince(mark: number): { method: unknown; path: unknown; statusCode: unknown; description: unknown }[] {
  return sim
    .logEntries()
    .slice(mark)
    .filter((e) => e.type === 'sapi')
    .map((e) => {
      const details = e.details as { request: { method: unknown; path: unknown }; response: { statusCode: unknown } };
      return { method: details.request.method, path: details.request.path, statusCode: details.response.statusCode, description: e.description };
    });
}

describe('auth0 SDK v7 writing to the tenant', () => {
  it('creates, updates and deletes a user, each leaving its sapi entry, and the creation an ss entry', async () => {
    const client = sdk(WRITE_SCOPES);
    const mark = sim.logEntries().length;
    const created = await client.users.create({ connection: 'Username-Password-Authentication', email: 'New.Person@Example.com', password: 'hunter2-Hunter2', user_metadata: { team: 'a' } });
    expect(created).toMatchObject({ email: 'new.person@example.com', user_metadata: { team: 'a' } });
    const id = String(created.user_id);
    expect((await client.users.get(id)).email).toBe('new.person@example.com');
    const updated = await client.users.update(id, { name: 'New Person', user_metadata: { plan: 'pro' } });
    expect(updated).toMatchObject({ name: 'New Person', user_metadata: { team: 'a', plan: 'pro' } });
    await client.users.delete(id);
    await expect(client.users.get(id)).rejects.toMatchObject({ statusCode: 404 });
    const path = `/api/v2/users/${encodeURIComponent(id)}`;
    expect(writesSince(mark)).toEqual([
      { method: 'post', path: '/api/v2/users', statusCode: 201, description: 'Create a User' },
      { method: 'patch', path, statusCode: 200, description: 'Update a User' },
      { method: 'delete', path, statusCode: 204, description: 'Delete a User' },
    ]);
    const signup = sim.logEntries().slice(mark).find((e) => e.type === 'ss');
    expect(signup).toMatchObject({ user_id: id, connection: 'Username-Password-Authentication', strategy: 'auth0' });
    expect(JSON.stringify(sim.logEntries().slice(mark))).not.toContain('hunter2');
  });

  it('assigns and removes a user role, which /users/{id}/roles reads back', async () => {
    const client = sdk(WRITE_SCOPES);
    const user = sim.tenant.users[30];
    const role = sim.tenant.roles.find((r) => !(sim.tenant.roleUsers.get(r.id) ?? []).some((a) => a.user_id === user?.user_id));
    const id = user?.user_id ?? '';
    const mark = sim.logEntries().length;
    await client.users.roles.assign(id, { roles: [role?.id ?? ''] });
    expect((await client.users.roles.list(id)).data.map((r) => r.id)).toContain(role?.id);
    await client.users.roles.delete(id, { roles: [role?.id ?? ''] });
    expect((await client.users.roles.list(id)).data.map((r) => r.id)).not.toContain(role?.id);
    const path = `/api/v2/users/${encodeURIComponent(id)}/roles`;
    expect(writesSince(mark).map((w) => [w.method, w.path, w.statusCode])).toEqual([['post', path, 204], ['delete', path, 204]]);
  });

  it('updates an organization, adds and removes a member and their member roles', async () => {
    const client = sdk(WRITE_SCOPES);
    const org = sim.tenant.organizations[1];
    const orgId = org?.id ?? '';
    const members = new Set(sim.tenant.members.get(orgId)?.map((m) => m.user_id));
    const joiner = sim.tenant.users.find((u) => !members.has(u.user_id))?.user_id ?? '';
    const role = sim.tenant.roles[0]?.id ?? '';
    const mark = sim.logEntries().length;
    expect(await client.organizations.update(orgId, { display_name: 'Renamed Inc' })).toMatchObject({ id: orgId, display_name: 'Renamed Inc' });
    await client.organizations.members.create(orgId, { members: [joiner] });
    await client.organizations.members.roles.assign(orgId, joiner, { roles: [role] });
    const listed: { user_id?: string; roles?: { id?: string }[] }[] = [];
    for await (const m of await client.organizations.members.list(orgId, { fields: 'user_id,roles', take: 50 })) listed.push(m);
    expect(listed.find((m) => m.user_id === joiner)?.roles?.map((r) => r.id)).toEqual([role]);
    await client.organizations.members.roles.delete(orgId, joiner, { roles: [role] });
    await client.organizations.members.delete(orgId, { members: [joiner] });
    expect(sim.tenant.members.get(orgId)?.some((m) => m.user_id === joiner)).toBe(false);
    const base = `/api/v2/organizations/${orgId}`;
    const memberRoles = `${base}/members/${encodeURIComponent(joiner)}/roles`;
    expect(writesSince(mark).map((w) => [w.method, w.path, w.statusCode])).toEqual([
      ['patch', base, 200],
      ['post', `${base}/members`, 204],
      ['post', memberRoles, 204],
      ['delete', memberRoles, 204],
      ['delete', `${base}/members`, 204],
    ]);
  });
});
