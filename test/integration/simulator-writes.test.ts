import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator, type TenantChange } from '../../src/simulator/index.ts';

let sim: RunningSimulator;
const changes: TenantChange[] = [];
beforeAll(async () => {
  sim = await startSimulator({ size: { users: 50, organizations: 4, largestOrganizationMembers: 20 } });
  sim.onChange((change) => changes.push(change));
});
afterAll(() => sim.close());

const ALL = [
  'read:users', 'read:organizations', 'read:organization_members', 'create:users', 'update:users', 'delete:users',
  'create:organization_members', 'delete:organization_members', 'update:organizations',
];

async function call(method: string, path: string, body?: unknown, scopes = ALL): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sim.url}/api/v2${path}`, {
    method,
    headers: { authorization: `Bearer ${sim.issueToken(scopes)}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

describe('Management API writes', () => {
  it('answers bad bodies, missing scopes and unknown ids as Auth0 does, and logs nothing for them', async () => {
    const mark = sim.logEntries().length;
    expect(await call('POST', '/users', { email: 'a@example.com', password: 'x' })).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: "Payload validation error: 'Missing required property: connection'.", errorCode: 'invalid_body' },
    });
    expect((await call('POST', '/users', '{not json')).status).toBe(400);
    expect((await call('POST', '/users', { connection: 'nope', email: 'a@example.com' })).body).toMatchObject({ errorCode: 'inexistent_connection' });
    expect((await call('PATCH', `/users/${encodeURIComponent(sim.tenant.users[0]?.user_id ?? '')}`, { shoe_size: 9 })).status).toBe(400);
    expect((await call('POST', `/organizations/${sim.tenant.organizations[0]?.id}/members`, { members: [] })).status).toBe(400);
    expect((await call('DELETE', '/users/auth0%7Cnobody')).body).toMatchObject({ statusCode: 404, errorCode: 'inexistent_user' });
    expect((await call('DELETE', '/users/auth0%7Cnobody', undefined, ['read:users'])).body).toMatchObject({
      statusCode: 403,
      message: 'Insufficient scope, expected any of: delete:users',
    });
    const existing = sim.tenant.users.find((u) => u.identities[0]?.provider === 'auth0');
    expect(
      await call('POST', '/users', { connection: 'Username-Password-Authentication', email: existing?.email.toUpperCase(), password: 'Secret-123' }),
    ).toMatchObject({ status: 409, body: { message: 'The user already exists.' } });
    expect(sim.logEntries().length).toBe(mark);
  });

  it('keeps search, member listings and a user’s organizations consistent through create, join, leave and delete', async () => {
    const created = (await call('POST', '/users', { connection: 'Username-Password-Authentication', email: 'joiner@example.com', password: 'Secret-123' }))
      .body as { user_id: string };
    const id = created.user_id;
    const org = sim.tenant.organizations[2]?.id ?? '';
    expect((await call('POST', `/organizations/${org}/members`, { members: [id, id] })).status).toBe(204);
    // Adding a member twice is a no-op, not an error.
    expect((await call('POST', `/organizations/${org}/members`, { members: [id] })).status).toBe(204);
    const search = async (q: string): Promise<string[]> =>
      ((await call('GET', `/users?search_engine=v3&q=${encodeURIComponent(q)}`)).body as { user_id: string }[]).map((u) => u.user_id);
    expect(await search('email:"joiner@example.com"')).toEqual([id]);
    expect(await search(`organization_id:"${org}"`)).toContain(id);
    const orgsOf = async (): Promise<unknown> => (await call('GET', `/users/${encodeURIComponent(id)}/organizations`)).body;
    expect(await orgsOf()).toEqual([expect.objectContaining({ id: org })]);
    expect((await call('DELETE', `/organizations/${org}/members`, { members: [id] })).status).toBe(204);
    expect(await orgsOf()).toEqual([]);
    await call('POST', `/organizations/${org}/members`, { members: [id] });
    expect((await call('DELETE', `/users/${encodeURIComponent(id)}`)).status).toBe(204);
    expect(await search('email:"joiner@example.com"')).toEqual([]);
    const members = (await call('GET', `/organizations/${org}/members?per_page=100`)).body as { user_id: string }[];
    expect(members.map((m) => m.user_id)).not.toContain(id);
    expect(changes.map((c) => c.type)).toEqual([
      'user.created', 'organization.member.added', 'organization.member.deleted', 'organization.member.added', 'user.deleted',
    ]);
  });

  it('renames an organization, which lookups by name follow, and refuses a name another holds', async () => {
    const [first, second] = sim.tenant.organizations;
    const renamed = await call('PATCH', `/organizations/${first?.id}`, { name: 'renamed-org', metadata: { tier: 'gold' } });
    expect(renamed.body).toMatchObject({ id: first?.id, name: 'renamed-org', metadata: expect.objectContaining({ tier: 'gold' }) });
    expect((await call('GET', '/organizations/name/renamed-org')).body).toMatchObject({ id: first?.id });
    expect((await call('PATCH', `/organizations/${first?.id}`, { name: second?.name })).status).toBe(409);
    expect((await call('PATCH', `/organizations/${first?.id}`, { name: 'Not Valid' })).status).toBe(400);
  });
});

describe('write rate limits on Essentials', () => {
  it('draws member writes from their own row, shared by add and remove, not from the read lanes', async () => {
    const limited = await startSimulator({ size: { users: 40, organizations: 2, largestOrganizationMembers: 5 }, rateLimit: 'essentials', now: () => 0 });
    try {
      const org = limited.tenant.organizations[1]?.id ?? '';
      const token = limited.issueToken(['create:organization_members', 'delete:organization_members', 'read:organization_members']);
      const send = async (method: string, path: string, body?: unknown): Promise<Response> =>
        fetch(`${limited.url}/api/v2${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const user = limited.tenant.users[39]?.user_id ?? '';
      const statuses: number[] = [];
      for (let i = 0; i < 21; i += 1) {
        const res = await send(i % 2 === 0 ? 'POST' : 'DELETE', `/organizations/${org}/members`, { members: [user] });
        statuses.push(res.status);
        if (i === 0) expect(res.headers.get('x-ratelimit-limit')).toBe('20');
      }
      expect(statuses.slice(0, 20).every((s) => s === 204)).toBe(true);
      expect(statuses[20]).toBe(429);
      expect((await send('GET', `/organizations/${org}/members`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
