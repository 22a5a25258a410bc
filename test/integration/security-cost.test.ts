import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { estimateCost } from '../../src/cost/estimate-cost.ts';
import { schema } from '../../src/schema/index.ts';
import { startSecuredApp } from './security-app.ts';
import type { SecuredApp } from './security-app.ts';

let secured: SecuredApp;
let tight: SecuredApp;
beforeAll(async () => {
  [secured, tight] = await Promise.all([startSecuredApp(), startSecuredApp(() => ({ maxUpstreamCalls: 10 }))]);
});
afterAll(() => Promise.all([secured.close(), tight.close()]));
beforeEach(() => {
  secured.sim.calls.clear();
  tight.sim.calls.clear();
});

function firstOrganization(): { id: string; userId: string } {
  const organization = secured.sim.tenant.organizations[0];
  const member = organization === undefined ? undefined : secured.sim.tenant.members.get(organization.id)?.[0];
  if (organization === undefined || member === undefined) throw new Error('seed has no members');
  return { id: organization.id, userId: member.user_id };
}

const aliases = (ids: readonly string[]): string =>
  `{ ${ids.map((id, index) => `u${index}: user(userId: ${JSON.stringify(id)}) { userId email lastLogin }`).join(' ')} }`;

/** The canonical dashboard queries (graph-canonical.test.ts, bench/graph.bench.ts), with their variables. */
function canonical(): [name: string, query: string, variables: Record<string, unknown>][] {
  const { id, userId } = firstOrganization();
  return [
    ['seats', '{ organizations(first: 50) { edges { node { organizationId name memberCount } } } }', {}],
    ['roster', 'query($id: String!) { organization(organizationId: $id) { members(first: 100) { edges { node { userId email roles { name } } } } } }', { id }],
    [
      'enriched roster',
      'query($id: String!) { organization(organizationId: $id) { members(first: 100) { edges { node { userId email roles { name } user { lastLogin loginsCount } } } } } }',
      { id },
    ],
    ['enrichment (50 aliases)', aliases(secured.sim.tenant.users.slice(100, 150).map((user) => user.user_id)), {}],
    ['enrichment of ids Auth0 does not know', aliases(['auth0|nobody-1', 'auth0|nobody-2', 'auth0|nobody-3']), {}],
    ['profile', 'query($id: String!) { user(userId: $id) { email organizations { edges { node { name } } } roles { edges { node { name } } } } }', { id: userId }],
    ['full scan page', '{ users(first: 100) { totalCount edges { node { userId } } pageInfo { hasNextPage endCursor } } }', {}],
  ];
}

describe('cost estimate against the calls really made', () => {
  it('is an upper bound on every canonical query', async () => {
    for (const [name, query, variables] of canonical()) {
      secured.sim.calls.clear();
      const { body } = await secured.post(query, variables);
      expect(body.errors, name).toBeUndefined();
      const made = secured.sim.calls.count();
      const estimate = estimateCost({ schema, document: parse(query), variables }).calls;
      expect(made, name).toBeGreaterThan(0);
      expect(estimate, `${name}: estimated ${estimate}, made ${made}`).toBeGreaterThanOrEqual(made);
    }
  });

  it('bounds every page of a full user scan, cursors included', async () => {
    const query = 'query($after: String) { users(first: 100, after: $after) { edges { node { userId } } pageInfo { hasNextPage endCursor } } }';
    let after: string | null = null;
    let pages = 0;
    do {
      secured.sim.calls.clear();
      const { body } = await secured.post(query, { after });
      const connection = (body.data as { users: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } }).users;
      expect(estimateCost({ schema, document: parse(query), variables: { after } }).calls).toBeGreaterThanOrEqual(secured.sim.calls.count());
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      pages += 1;
    } while (after !== null);
    expect(pages).toBe(3);
  });
});

describe('cost limit', () => {
  it('refuses a query over budget before any upstream call, naming estimate, budget and field', async () => {
    const { status, body } = await tight.post('{ organizations(first: 50) { edges { node { name memberCount } } } }');
    expect(status).toBe(200);
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'COST_LIMIT', estimate: 51, budget: 10, field: 'organizations.edges.node.memberCount' });
    expect(body.errors?.[0]?.message).toMatch(/51 .*budget of 10.*organizations\.edges\.node\.memberCount/);
    expect(tight.sim.calls.count()).toBe(0);
  });

  it('runs a query within budget and never makes more calls than estimated', async () => {
    const query = '{ organizations(first: 8) { edges { node { name memberCount } } } }';
    const { body } = await tight.post(query);
    expect(body.errors).toBeUndefined();
    expect(tight.sim.calls.count()).toBeLessThanOrEqual(estimateCost({ schema, document: parse(query) }).calls);
    expect(tight.sim.calls.count()).toBe(9);
  });
});
