import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';

let sim: RunningSimulator;
let clock = Date.UTC(2026, 0, 1);
beforeAll(async () => {
  sim = await startSimulator({
    size: { users: 300, organizations: 5, largestOrganizationMembers: 40 },
    now: () => clock,
    indexingDelayMs: 1_000,
  });
});
afterAll(() => sim.close());

async function users(query: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sim.url}/api/v2/users?${query}`, {
    headers: { authorization: `Bearer ${sim.issueToken(['read:users'])}` },
  });
  return { status: res.status, body: await res.json() };
}
const ids = (body: unknown): string[] => (body as { user_id: string }[]).map((u) => u.user_id);

describe('/users search', () => {
  it('finds a batch of users by quoted ids joined with OR', async () => {
    const wanted = sim.tenant.users.slice(10, 15).map((u) => u.user_id);
    const q = `user_id:(${wanted.map((id) => `"${id}"`).join(' OR ')})`;
    const res = await users(new URLSearchParams({ q, search_engine: 'v3', per_page: '100' }).toString());
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual(wanted);
  });

  it('searches organization members through organization_id', async () => {
    const org = sim.tenant.organizations[0]?.id ?? '';
    const res = await users(new URLSearchParams({ q: `organization_id:"${org}"`, search_engine: 'v3', per_page: '100' }).toString());
    expect(new Set(ids(res.body))).toEqual(new Set(sim.tenant.members.get(org)?.map((m) => m.user_id)));
  });

  it('sorts by created_at in both directions, ties broken by user_id so pages never shuffle', async () => {
    const up = ids((await users('sort=created_at:1&per_page=100')).body);
    const down = ids((await users('sort=created_at:-1&per_page=100&page=2')).body);
    const key = (u: { created_at: string; user_id: string }): string => `${u.created_at} ${u.user_id}`;
    const byCreated = [...sim.tenant.users].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    expect(up).toEqual(byCreated.slice(0, 100).map((u) => u.user_id));
    expect(down).toHaveLength(100);
  });

  it('rejects old search engines, q without an engine, and malformed queries', async () => {
    expect(await users('q=email:x&search_engine=v1')).toMatchObject({ status: 400, body: { message: 'You are not allowed to use search_engine=v1.' } });
    expect(await users('q=email:x&search_engine=v2')).toMatchObject({
      status: 400,
      body: { message: 'You are not allowed to use search_engine=v2. Use search_engine=v3 instead.' },
    });
    expect(await users('q=email:x')).toMatchObject({
      status: 400,
      body: { message: "The 'q' parameter is available only if you specify 'search_engine=v2|v3'" },
    });
    const bad = await users(new URLSearchParams({ q: 'email:(unclosed', search_engine: 'v3' }).toString());
    expect(bad).toMatchObject({ status: 400, body: { statusCode: 400, error: 'Bad Request' } });
    expect((await users('sort=user_metadata.locale:1')).status).toBe(400);
  });

  it('answers 503 while the search-timeout fault is on', async () => {
    sim.faults.searchTimeout = true;
    const res = await users('q=email:*&search_engine=v3');
    sim.faults.reset();
    expect(res.status).toBe(503);
    expect((res.body as { message: string }).message).toMatch(/^The query exceeded the timeout/);
  });

  it('does not find a new user until the index catches up', async () => {
    const user = sim.createUser({ email: 'late.indexed@example.com' });
    const q = new URLSearchParams({ q: `email:"${user.email}"`, search_engine: 'v3' }).toString();
    expect(ids((await users(q)).body)).toEqual([]);
    clock += 1_000;
    expect(ids((await users(q)).body)).toEqual([user.user_id]);
  });
});

describe('one address, several accounts', () => {
  const samlTwin = () => {
    const saml = sim.tenant.users.find((u) => u.identities[0]?.provider === 'samlp' && sim.tenant.users.some((o) => o !== u && o.email.toLowerCase() === u.email.toLowerCase()));
    const database = sim.tenant.users.find((u) => u !== saml && u.email.toLowerCase() === saml?.email.toLowerCase());
    return { saml: saml!, database: database! };
  };
  const byEmail = async (email: string): Promise<string[]> => {
    const res = await fetch(`${sim.url}/api/v2/users-by-email?${new URLSearchParams({ email })}`, {
      headers: { authorization: `Bearer ${sim.issueToken(['read:users'])}` },
    });
    return ids(await res.json());
  };

  it('/users-by-email matches the stored address exactly, case included', async () => {
    const { saml, database } = samlTwin();
    expect(saml.email).not.toBe(database.email);
    expect(await byEmail(saml.email)).toEqual([saml.user_id]);
    expect(await byEmail(database.email)).toEqual([database.user_id]);
    expect(await byEmail(saml.email.toUpperCase())).toEqual([]);
  });

  it('a search on email finds every account of the address, ignoring case', async () => {
    const { saml, database } = samlTwin();
    const q = new URLSearchParams({ q: `email:"${saml.email.toUpperCase()}"`, search_engine: 'v3' }).toString();
    expect(ids((await users(q)).body).sort()).toEqual([database.user_id, saml.user_id].sort());
  });

  it('createUser keeps an enterprise address as sent, lowercases a database one, and refuses a duplicate only within a connection', () => {
    const identity = { connection: 'acme-saml', provider: 'samlp', isSocial: false, user_id: 'Pat.Lee@Acme.test' };
    const saml = sim.createUser({ email: 'Pat.Lee@Acme.test', user_id: 'samlp|acme-saml|Pat.Lee@Acme.test', identities: [identity] });
    expect(saml.email).toBe('Pat.Lee@Acme.test');
    expect(sim.createUser({ email: 'PAT.LEE@acme.test' }).email).toBe('pat.lee@acme.test');
    expect(() => sim.createUser({ email: 'pat.lee@ACME.test' })).toThrow(/already exists/);
  });
});
