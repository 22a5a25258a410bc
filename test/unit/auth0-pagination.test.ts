import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuth0Client } from '../../src/auth0/index.ts';
import { checkpointPages, offsetPages } from '../../src/auth0/pagination.ts';
import type { Auth0Client } from '../../src/auth0/types.ts';

const BASE = 'https://acme.eu.auth0.com';
const asId = (item: unknown): string => (item as { id: string }).id;

async function collect<T>(pages: AsyncIterable<{ items: T[] }>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const page of pages) out.push(page.items);
  return out;
}

describe('pagination iterators', () => {
  let agent: MockAgent;
  let client: Auth0Client;
  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    client = createAuth0Client(
      { domain: 'acme.eu.auth0.com', baseUrl: BASE, audience: `${BASE}/api/v2/`, credentials: { kind: 'token', token: 't' }, plan: 'enterprise', rateLimit: undefined, rateBurst: undefined },
      { dispatcher: agent },
    );
  });
  afterEach(async () => {
    agent.assertNoPendingInterceptors();
    await agent.close();
  });

  it('checkpoint: follows next and stops on a trailing empty page (members)', async () => {
    const pool = agent.get(BASE);
    pool.intercept({ path: '/api/v2/organizations/org_1/members?take=2', method: 'GET' }).reply(200, { members: [{ id: 'a' }, { id: 'b' }], next: 'c1' });
    pool.intercept({ path: '/api/v2/organizations/org_1/members?take=2&from=c1', method: 'GET' }).reply(200, { members: [{ id: 'c' }], next: 'c2' });
    pool.intercept({ path: '/api/v2/organizations/org_1/members?take=2&from=c2', method: 'GET' }).reply(200, { members: [] });
    const pages = await collect(checkpointPages(client, { path: '/organizations/org_1/members', key: 'members', take: 2, parse: asId }));
    expect(pages).toEqual([['a', 'b'], ['c']]);
  });

  it('checkpoint: stops when next is missing (organizations)', async () => {
    agent.get(BASE).intercept({ path: '/api/v2/organizations?take=5', method: 'GET' }).reply(200, { organizations: [{ id: 'o1' }] });
    expect(await collect(checkpointPages(client, { path: '/organizations', key: 'organizations', take: 5, parse: asId }))).toEqual([['o1']]);
  });

  it('offset: stops at the total even when it is exactly the 1,000-record cap', async () => {
    const pool = agent.get(BASE);
    for (let page = 0; page < 10; page += 1) {
      pool
        .intercept({ path: `/api/v2/roles?page=${page}&per_page=100&include_totals=true`, method: 'GET' })
        .reply(200, { roles: Array.from({ length: 100 }, (_, index) => ({ id: `r${page * 100 + index}` })), total: 1000, start: page * 100, limit: 100 });
    }
    const pages = await collect(offsetPages(client, { path: '/roles', key: 'roles', perPage: 100, parse: asId }));
    expect(pages.flat()).toHaveLength(1000);
  });

  it('offset: a short page ends an envelope without total (invitations)', async () => {
    agent
      .get(BASE)
      .intercept({ path: '/api/v2/organizations/org_1/invitations?page=0&per_page=10&include_totals=true', method: 'GET' })
      .reply(200, { invitations: [{ id: 'i1' }], start: 0, limit: 1 });
    expect(await collect(offsetPages(client, { path: '/organizations/org_1/invitations', key: 'invitations', perPage: 10, parse: asId }))).toEqual([['i1']]);
  });

  it('offset: refuses a page past the cap before asking Auth0', async () => {
    const pool = agent.get(BASE);
    for (let page = 0; page < 10; page += 1) {
      pool
        .intercept({ path: `/api/v2/users?q=x&page=${page}&per_page=100&include_totals=true`, method: 'GET' })
        .reply(200, { users: Array.from({ length: 100 }, (_, index) => ({ id: `u${index}` })), total: 4000 });
    }
    const iterate = collect(offsetPages(client, { path: '/users', query: { q: 'x' }, key: 'users', perPage: 100, parse: asId }));
    await expect(iterate).rejects.toMatchObject({ code: 'AUTH0_BAD_REQUEST', auth0Code: 'invalid_paging', route: '/users' });
  });

  it('rejects a page without its list as an upstream error', async () => {
    agent.get(BASE).intercept({ path: '/api/v2/organizations?take=5', method: 'GET' }).reply(200, { unexpected: true });
    await expect(collect(checkpointPages(client, { path: '/organizations', key: 'organizations', take: 5, parse: asId }))).rejects.toMatchObject({ code: 'AUTH0_UPSTREAM' });
  });

  it.each([0, 101, 2.5])('refuses page size %s before asking Auth0', async (size) => {
    await expect(collect(offsetPages(client, { path: '/roles', key: 'roles', perPage: size, parse: asId }))).rejects.toMatchObject({ code: 'AUTH0_BAD_REQUEST' });
    await expect(collect(checkpointPages(client, { path: '/organizations', key: 'organizations', take: size, parse: asId }))).rejects.toMatchObject({ code: 'AUTH0_BAD_REQUEST' });
  });
});
