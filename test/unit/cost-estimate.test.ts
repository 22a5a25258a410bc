import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../src/cost/estimate-cost.ts';
import { schema } from '../../src/schema/index.ts';

function estimate(query: string, variables?: Record<string, unknown>) {
  return estimateCost({ schema, document: parse(query), variables });
}

const manyUsers = (n: number): string =>
  `{ ${Array.from({ length: n }, (_, i) => `u${i}: user(userId: "auth0|${String(i).padStart(24, '0')}") { userId email }`).join(' ')} }`;

describe('estimateCost', () => {
  it.each([
    ['seats: one page of organizations plus one count per organization', '{ organizations(first: 50) { edges { node { organizationId name memberCount } } } }', 51],
    ['default page size is 50', '{ organizations { edges { node { memberCount } } } }', 51],
    ['totalCount on a checkpoint list is one more call', '{ organizations(first: 10) { totalCount edges { node { name } } } }', 2],
    ['a cursor can make a window straddle two pages', '{ organizations(first: 10, after: "x") { edges { node { name } } } }', 2],
    ['roster by id: the members page alone, roles on it', '{ organization(organizationId: "o") { members(first: 100) { edges { node { userId email roles { name } } } } } }', 1],
    ['enriched roster: plus searches for the profiles of one list', '{ organization(organizationId: "o") { members(first: 100) { edges { node { userId user { lastLogin loginsCount } } } } } }', 3],
    ['member fields a member carries cost no profile', '{ organization(organizationId: "o") { members(first: 100) { edges { node { user { userId email name picture } } } } } }', 1],
    ['an organization by id read only when a field needs its record', '{ organization(organizationId: "o") { name } }', 1],
    ['an organization by name is always read', '{ organization(name: "acme") { organizationId } }', 1],
    ['nested lists multiply', '{ organizations(first: 5) { edges { node { members(first: 10) { edges { node { userId roles { name } } } } } } } }', 6],
    ['each organization\'s member profiles are their own batch', '{ organizations(first: 5) { edges { node { members(first: 10) { edges { node { user { lastLogin } } } } } } } }', 11],
    ['a member\'s organization is one record per list', '{ organization(organizationId: "o") { members { edges { node { organization { name } } } } } }', 2],
    ['one user lookup is one GET', '{ user(userId: "auth0|1") { email } }', 1],
    ['accounts by email: the exact read and the case-insensitive search', '{ usersByEmail(email: "A@b.test") { userId email } }', 2],
    ['profile: lookup plus one list each', '{ user(userId: "auth0|1") { organizations { edges { node { name } } } roles { edges { node { name } } } } }', 3],
    ['two lookups: a search and, at worst, a re-read each', '{ a: user(userId: "auth0|1") { email } b: user(userId: "auth0|2") { email } }', 3],
    ['node lookups batch with user lookups', '{ a: user(userId: "auth0|1") { email } b: node(id: "x") { id } }', 3],
    ['fragments on a node type are walked as that type', '{ node(id: "x") { ... on User { roles { edges { node { name } } } } } }', 2],
    ['named fragments count like inline selections', 'query { organizations(first: 3) { ...Orgs } } fragment Orgs on OrganizationConnection { edges { node { memberCount } } }', 4],
    ['tenant stats: one call each', '{ tenantStats { activeUsers daily(from: "2024-01-01", to: "2024-01-02") { logins } } }', 2],
    ['a role user needs a profile past its four fields', '{ role(roleId: "r") { users(first: 100) { edges { node { lastLogin } } } } }', 4],
    ['member role descriptions are read per role', '{ organization(organizationId: "o") { members(first: 2) { edges { node { roles { description } } } } } }', 21],
    ['federation entities batch like user lookups', '{ _entities(representations: [{ __typename: "User", userId: "a" }, { __typename: "User", userId: "b" }]) { ... on User { email } } }', 3],
    ['introspection costs nothing', '{ __schema { types { name } } }', 0],
    ['streamed seats: ten pages of a thousand organizations and a count each', '{ organizations(first: 1000) { edges @stream { node { memberCount } } } }', 1010],
    ['unstreamed, first over 100 counts as the page the resolvers take', '{ organizations(first: 1000) { edges { node { memberCount } } } }', 101],
    ['a switched-off @stream is not streamed', '{ organizations(first: 1000) { edges @stream(if: false) { node { memberCount } } } }', 101],
    ['a streamed window from a cursor spans one page more', '{ organizations(first: 250, after: "x") { edges @stream { node { name } } } }', 4],
    ['streamed offset lists page by 100 too', '{ user(userId: "auth0|1") { roles(first: 300) { edges @stream { node { name } } } } }', 4],
  ])('%s', (_name, query, calls) => {
    expect(estimate(query).calls).toBe(calls);
  });

  it.each([
    ['seats: the page on organizations, a count per organization on its members', '{ organizations(first: 100) { edges { node { memberCount } } } }', { organizations: 1, 'organization-members': 100 }],
    ['a roster page and its profiles: members, then searches on users', '{ organization(organizationId: "o") { members(first: 100) { edges { node { user { lastLogin } } } } } }', { 'organization-members': 1, users: 2 }],
    ['one user by id draws on all other endpoints', '{ user(userId: "auth0|1") { email } }', { other: 1 }],
    ['several lookups: searches on users, re-reads on other', '{ a: user(userId: "auth0|1") { email } b: user(userId: "auth0|2") { email } }', { users: 1, other: 2 }],
    ['accounts by email draw on users', '{ usersByEmail(email: "a@b.test") { userId } }', { users: 2 }],
    ['a user search page draws on users', '{ users(first: 10) { edges { node { email } } } }', { users: 1 }],
    ['stats and roles draw on other', '{ tenantStats { activeUsers } roles { edges { node { name } } } }', { other: 2 }],
  ])('by lane, %s', (_name, query, byLane) => {
    const result = estimate(query);
    expect(result.byLane).toEqual(byLane);
    expect(Object.values(result.byLane).reduce((sum, calls) => sum + calls, 0)).toBe(result.calls);
  });

  it('reads first and ids from variables', () => {
    const query = 'query($n: Int, $a: String!, $b: String!) { organizations(first: $n) { edges { node { memberCount } } } x: user(userId: $a) { email } y: user(userId: $b) { email } }';
    expect(estimate(query, { n: 20, a: 'auth0|1', b: 'auth0|2' }).calls).toBe(21 + 3);
  });

  it('enrichment: 50 lookups are one search plus, at worst, 50 re-reads', () => {
    expect(estimate(manyUsers(50)).calls).toBe(51);
  });

  it('names the most expensive field by its response path', () => {
    const result = estimate('{ tenantStats { activeUsers } orgs: organizations(first: 30) { edges { node { memberCount } } } }');
    expect(result).toMatchObject({ calls: 32, mostExpensive: { path: 'orgs.edges.node.memberCount', calls: 30 } });
  });

  it('takes a variable\'s default, and costs nothing without a single operation to run', () => {
    expect(estimate('query($n: Int = 3) { organizations(first: $n) { edges { node { memberCount } } } }').calls).toBe(4);
    expect(estimate('query A { tenantStats { activeUsers } } query B { tenantStats { activeUsers } }').calls).toBe(0);
  });
});
