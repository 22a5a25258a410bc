import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GRANTED_SCOPES } from '../../src/simulator/auth/management-scopes.ts';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';

let sim: RunningSimulator;
let clock = Date.UTC(2026, 0, 1);
let bearer: string;
beforeAll(async () => {
  sim = await startSimulator({
    size: { users: 1100, organizations: 5, largestOrganizationMembers: 1050 },
    now: () => clock,
    cursorTtlMs: 60_000,
  });
  bearer = `Bearer ${sim.issueToken([...DEFAULT_GRANTED_SCOPES])}`;
});
afterAll(() => sim.close());

async function get(path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sim.url}/api/v2${path}`, { headers: { authorization: bearer } });
  return { status: res.status, body: await res.json() };
}

const largest = (): string => sim.tenant.organizations[0]?.id ?? '';

describe('offset paging', () => {
  it('returns a bare array without include_totals, 50 items by default', async () => {
    const res = await get('/users');
    expect(Array.isArray(res.body)).toBe(true);
    expect((res.body as unknown[]).length).toBe(50);
  });

  it('wraps users in {start, limit, length, users, total}', async () => {
    const res = await get('/users?page=2&per_page=10&include_totals=true');
    const body = res.body as { start: number; limit: number; length: number; total: number; users: { user_id: string }[] };
    expect(Object.keys(body).sort()).toEqual(['length', 'limit', 'start', 'total', 'users']);
    expect(body).toMatchObject({ start: 20, limit: 10, length: 10, total: 1100 });
    expect(body.users.map((u) => u.user_id)).toEqual(sim.tenant.users.slice(20, 30).map((u) => u.user_id));
  });

  it('rejects per_page over 100 with the real validation message', async () => {
    expect(await get('/organizations?per_page=1000')).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message: "Query validation error: 'Value 1000 is greater than maximum 100' on property per_page (Number of results per page. Defaults to 50).",
        errorCode: 'invalid_query_string',
      },
    });
  });

  it('refuses users past the first 1000 records with invalid_paging', async () => {
    expect((await get('/users?page=9&per_page=100')).status).toBe(200);
    expect(await get('/users?page=10&per_page=100')).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message: 'You can only page through the first 1000 records. See https://auth0.com/docs/users/search/v3/view-search-results-by-page#limitation',
        errorCode: 'invalid_paging',
      },
    });
  });

  it('refuses members past 1000 records, naming the page', async () => {
    const res = await get(`/organizations/${largest()}/members?page=20&per_page=50`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      message: 'Requesting page 20 exceeds the allowed maximum of 1000 records. To fetch results beyond 1000, use the checkpoint pagination method.',
    });
  });

  it('leaves total out of invitations and reports limit as the count returned', async () => {
    const org = sim.tenant.organizations.find((o) => (sim.tenant.invitations.get(o.id)?.length ?? 0) > 0);
    expect(org).toBeDefined();
    const body = (await get(`/organizations/${org?.id}/invitations?include_totals=true&per_page=50`)).body as Record<string, unknown>;
    expect(body).not.toHaveProperty('total');
    expect(body.limit).toBe(sim.tenant.invitations.get(org?.id ?? '')?.length);
  });
});

describe('checkpoint paging', () => {
  it('visits every member of a 1,050-member org exactly once, then an empty page without next', async () => {
    const seen: string[] = [];
    let from: string | undefined;
    let lastPage: { members: unknown[]; next?: string } | undefined;
    for (let guard = 0; guard < 20; guard += 1) {
      const res = await get(`/organizations/${largest()}/members?take=100${from === undefined ? '' : `&from=${from}`}`);
      expect(res.status).toBe(200);
      lastPage = res.body as { members: { user_id: string }[]; next?: string };
      seen.push(...(lastPage.members as { user_id: string }[]).map((m) => m.user_id));
      if (lastPage.next === undefined) break;
      from = lastPage.next;
    }
    expect(lastPage).toEqual({ members: [] });
    expect(seen.length).toBe(1050);
    expect(new Set(seen).size).toBe(1050);
    expect(seen).toEqual(sim.tenant.members.get(largest())?.map((m) => m.user_id));
  });

  it('gives the members partial last page a next that leads to an empty page', async () => {
    const first = (await get(`/organizations/${largest()}/members?take=100&include_totals=true&per_page=5`)).body as { members: unknown[]; next: string };
    expect(first.members).toHaveLength(100);
    expect(Object.keys(first).sort()).toEqual(['members', 'next']);
  });

  it('points a members cursor at the last member returned: when they joined, then their user id', async () => {
    const page = (await get(`/organizations/${largest()}/members?take=7`)).body as { next: string };
    const seventh = sim.tenant.members.get(largest())?.[6];
    const joined = (seventh?.created_at ?? '').replace('T', ' ').replace('Z', '000');
    expect(Buffer.from(page.next, 'base64url').toString()).toBe(`${joined}UTC,${seventh?.user_id}`);
  });

  it('refuses a cursor it never issued, however well-formed', async () => {
    const forged = Buffer.from(`2025-01-01 00:00:00.000000UTC,${sim.tenant.organizations[1]?.id}`).toString('base64url');
    expect((await get(`/organizations?take=2&from=${forged}`)).status).toBe(400);
  });

  it('ends organizations on the last partial page with no next', async () => {
    const first = (await get('/organizations?take=3')).body as { organizations: unknown[]; next: string };
    expect(first.organizations).toHaveLength(3);
    const second = (await get(`/organizations?take=3&from=${first.next}`)).body as Record<string, unknown>;
    expect(second).toEqual({ organizations: expect.any(Array) });
    expect((second.organizations as unknown[]).length).toBe(2);
  });

  it('uses opaque base64url cursors that expire', async () => {
    const first = (await get('/organizations?take=2')).body as { next: string };
    expect(first.next).toMatch(/^[A-Za-z0-9_-]+$/);
    clock += 61_000;
    const expired = await get(`/organizations?take=2&from=${first.next}`);
    expect(expired.status).toBe(400);
    expect((await get('/organizations?take=2&from=garbage!')).status).toBe(400);
  });

  it('rejects take over 100', async () => {
    expect((await get('/organizations?take=101')).status).toBe(400);
  });
});
