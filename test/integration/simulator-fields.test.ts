import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GRANTED_SCOPES } from '../../src/simulator/auth/management-scopes.ts';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ size: { users: 120, organizations: 6, largestOrganizationMembers: 30 } });
});
afterAll(() => sim.close());

async function get(path: string, scopes: readonly string[] = DEFAULT_GRANTED_SCOPES): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sim.url}/api/v2${path}`, { headers: { authorization: `Bearer ${sim.issueToken([...scopes])}` } });
  return { status: res.status, body: await res.json() };
}
const list = async (path: string, scopes?: readonly string[]): Promise<Record<string, unknown>[]> =>
  (await get(path, scopes)).body as Record<string, unknown>[];

const KEY_FIELDS = ['client_secret', 'signing_keys', 'encryption_key'];

describe('fields and include_fields', () => {
  it('allow-lists with include_fields=true (the default) and deny-lists with false', async () => {
    const allowed = await list('/users?fields=user_id,email');
    expect(allowed.every((u) => Object.keys(u).sort().join() === 'email,user_id')).toBe(true);
    const denied = await list('/users?fields=identities,picture&include_fields=false');
    expect(denied.some((u) => 'identities' in u || 'picture' in u)).toBe(false);
    expect(denied.every((u) => 'user_id' in u && 'email' in u)).toBe(true);
  });

  it('rejects unknown field names with 400 invalid_query_string listing the allowed values', async () => {
    const res = await get('/users?fields=user_id,password');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errorCode: 'invalid_query_string' });
    expect((res.body as { message: string }).message).toMatch(/^Query validation error: 'String 'user_id,password' does not match pattern\. Must be a comma separated list of the following values: user_id,email,/);
  });

  it('adds tenant to clients and is_domain_connection to connections even when not asked for', async () => {
    const clients = await list('/clients?fields=client_id&include_fields=true');
    expect(clients.every((c) => Object.keys(c).sort().join() === 'client_id,tenant')).toBe(true);
    const connections = await list('/connections?fields=id');
    expect(connections.every((c) => Object.keys(c).sort().join() === 'id,is_domain_connection')).toBe(true);
  });

  it('leaves fields that were never set absent rather than null', async () => {
    const users = await list('/users?per_page=100');
    expect(users.some((u) => !('last_login' in u) && !('logins_count' in u))).toBe(true);
    expect(users.every((u) => Object.values(u).every((v) => v !== null))).toBe(true);
  });
});

describe('organization members and roles', () => {
  const org = (): string => sim.tenant.organizations[0]?.id ?? '';

  it('omits roles without fields, includes them only when fields names roles', async () => {
    const plain = await list(`/organizations/${org()}/members`);
    expect(plain.length).toBe(30);
    expect(plain.some((m) => 'roles' in m)).toBe(false);
    expect(Object.keys(plain[0] ?? {}).sort()).toEqual(['email', 'name', 'picture', 'user_id']);
    const withRoles = await list(`/organizations/${org()}/members?fields=user_id,roles`);
    const expected = sim.tenant.members.get(org())?.map((m) => m.role_ids.length);
    expect(withRoles.map((m) => (m.roles as unknown[]).length)).toEqual(expected);
  });

  it('answers fields=roles without read:organization_member_roles with the real 403', async () => {
    const res = await get(`/organizations/${org()}/members?fields=user_id,roles`, ['read:organization_members']);
    expect(res).toEqual({
      status: 403,
      body: {
        statusCode: 403,
        error: 'Forbidden',
        message: 'Insufficient scope, expected any of: read:organization_member_roles',
        errorCode: 'insufficient_scope',
      },
    });
  });
});

describe('secrets, scope-accurate', () => {
  let accurate: RunningSimulator;
  beforeAll(async () => {
    accurate = await startSimulator({ size: { users: 120, organizations: 6, largestOrganizationMembers: 30 }, secrets: 'scope-accurate' });
  });
  afterAll(() => accurate.close());
  const read = async (path: string, scopes: readonly string[] = DEFAULT_GRANTED_SCOPES): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${accurate.url}/api/v2${path}`, { headers: { authorization: `Bearer ${accurate.issueToken([...scopes])}` } });
    return { status: res.status, body: await res.json() };
  };
  const readList = async (path: string, scopes?: readonly string[]): Promise<Record<string, unknown>[]> =>
    (await read(path, scopes)).body as Record<string, unknown>[];

  it('never returns client keys without read:client_keys / read:client_credentials', async () => {
    const clients = await readList('/clients?per_page=100');
    expect(clients.length).toBe(accurate.tenant.clients.length);
    for (const field of KEY_FIELDS) expect(clients.some((c) => field in c)).toBe(false);
    const one = (await read(`/clients/${accurate.tenant.clients[0]?.client_id}`)).body as Record<string, unknown>;
    expect(one).not.toHaveProperty('client_secret');
  });

  it('returns key material to a token with read:client_keys', async () => {
    const clients = await readList('/clients?per_page=100', ['read:client_keys']);
    expect(clients.every((c) => typeof c.client_secret === 'string')).toBe(true);
  });

  it('limits read:client_summary to the summary fields', async () => {
    const clients = await readList('/clients', ['read:client_summary']);
    expect(new Set(clients.flatMap((c) => Object.keys(c)))).toEqual(new Set(['client_id', 'tenant', 'name', 'description', 'app_type']));
  });

  it('keeps identity-provider tokens out unless read:user_idp_tokens', async () => {
    const withToken = accurate.tenant.users.find((u) => u.identities.some((i) => i.access_token !== undefined));
    expect(withToken).toBeDefined();
    const path = `/users/${encodeURIComponent(withToken?.user_id ?? '')}`;
    const plain = (await read(path)).body as { identities: Record<string, unknown>[] };
    expect(plain.identities[0]).not.toHaveProperty('access_token');
    expect(plain.identities[0]).not.toHaveProperty('refresh_token');
    const privileged = (await read(path, ['read:user_idp_tokens'])).body as { identities: Record<string, unknown>[] };
    expect(privileged.identities[0]).toHaveProperty('access_token');
    expect(privileged.identities[0]).toHaveProperty('refresh_token');
  });
});

describe('secrets, worst case (the default)', () => {
  it('returns every stored client field, keys included, to a read without fields=', async () => {
    const clients = await list('/clients?per_page=100', ['read:client_summary']);
    for (const [index, client] of sim.tenant.clients.entries()) expect(clients[index]).toEqual(client);
    const one = (await get(`/clients/${sim.tenant.clients[0]?.client_id}`)).body as Record<string, unknown>;
    expect(one.client_secret).toBe(sim.tenant.clients[0]?.client_secret);
    // The call log says which kinds of secret an answer carried, for the suite's leak guard.
    expect(sim.calls.entries.at(-1)?.secretKinds).toEqual(expect.arrayContaining(['client.client_secret', 'client.signing_keys.cert']));
  });

  it('also to a deny-list, which names what to drop rather than what is safe', async () => {
    const clients = await list('/clients?fields=description&include_fields=false');
    expect(clients.every((c) => typeof c.client_secret === 'string' && !('description' in c))).toBe(true);
  });

  it('keeps secrets out of an allow-list that does not name them', async () => {
    const clients = await list('/clients?fields=client_id,name');
    expect(clients.every((c) => Object.keys(c).sort().join() === 'client_id,name,tenant')).toBe(true);
    expect(sim.calls.entries.at(-1)).not.toHaveProperty('secretKinds');
  });

  it('returns identity-provider tokens and the HS256 secret without the scopes', async () => {
    const withToken = sim.tenant.users.find((u) => u.identities.some((i) => i.refresh_token !== undefined));
    const user = (await get(`/users/${encodeURIComponent(withToken?.user_id ?? '')}`)).body as { identities: Record<string, unknown>[] };
    expect(user.identities).toEqual(withToken?.identities);
    const apis = await list('/resource-servers');
    expect(apis.some((api) => typeof api.signing_secret === 'string')).toBe(true);
  });
});

describe('secret fields named explicitly', () => {
  it('returns 403 when a key field is named without the scope, in either mode', async () => {
    const res = await get('/clients?fields=client_id,client_secret');
    expect(res).toEqual({
      status: 403,
      body: {
        statusCode: 403,
        error: 'Forbidden',
        message: 'Some fields cannot be read with the permissions granted by the bearer token scopes',
        errorCode: 'insufficient_scope',
      },
    });
  });

  it('answers fields=addons to read:clients, as Auth0 does', async () => {
    const res = await get('/clients?fields=client_id,addons', ['read:clients']);
    expect(res.status).toBe(200);
    const withAddons = (res.body as Record<string, unknown>[]).filter((c) => 'addons' in c);
    expect(withAddons.length).toBeGreaterThan(0);
    expect(withAddons.length).toBe(sim.tenant.clients.filter((c) => c.addons !== undefined).length);
  });
});
