import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server.ts';
import type { App } from '../../src/server.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import type { CallEntry } from '../../src/simulator/call-log.ts';
import type { RunningSimulator } from '../../src/simulator/options.ts';
import { BILLING_SDL, startBillingSubgraph } from '../fixtures/billing-subgraph.ts';
import type { BillingCustomer, RunningSubgraph } from '../fixtures/billing-subgraph.ts';
import { composeSupergraph, startGateway } from '../fixtures/supergraph-gateway.ts';
import type { Gateway } from '../fixtures/supergraph-gateway.ts';
import type { GraphResult } from '../helpers/graph-harness.ts';
import { simulatorConfig } from '../helpers/simulator-config.ts';

/**
 * auth0-graph joined into a billing supergraph the way the README tells a team to: the committed
 * `subgraph.graphql` composed with the billing SDL, served by a real gateway, every subgraph over HTTP.
 */

const SEATS = 100;
/** auth0-graph refuses anonymous callers here, as in production: only the gateway's key gets in. */
const GATEWAY_KEY = 'supergraph-test-gateway-key';
const committedSubgraphSdl = readFileSync(new URL('../../subgraph.graphql', import.meta.url), 'utf8');

let sim: RunningSimulator;
let auth0Graph: App;
let auth0GraphUrl: string;
let billing: RunningSubgraph;
let gateway: Gateway;
let customers: BillingCustomer[];

beforeAll(async () => {
  sim = await startSimulator({ size: { users: SEATS + 20, organizations: 4, largestOrganizationMembers: 12, applications: 2, statsDays: 2 } });
  auth0Graph = createApp(simulatorConfig(sim, { callers: { apiKeys: [GATEWAY_KEY], jwt: undefined, allowAnonymous: false } }));
  auth0GraphUrl = `${(await auth0Graph.listen()).url}/graphql`;
  const [first, second] = sim.tenant.organizations;
  if (first === undefined || second === undefined) throw new Error('seed too small');
  customers = [
    { name: 'Initech', seatPrice: 12.5, organizationId: first.id, seatUserIds: sim.tenant.users.slice(0, SEATS).map((user) => user.user_id) },
    { name: 'Globex', seatPrice: 30, organizationId: second.id, seatUserIds: [] },
    // Billing still holds a customer whose Auth0 organization was deleted: the join yields null, not an error.
    { name: 'Hooli', seatPrice: 8, organizationId: 'org_deleted_since', seatUserIds: [] },
  ];
  billing = await startBillingSubgraph(customers);
  const supergraph = composeSupergraph([
    { name: 'auth0', url: auth0GraphUrl, sdl: committedSubgraphSdl },
    { name: 'billing', url: billing.url, sdl: BILLING_SDL },
  ]);
  gateway = startGateway(supergraph, { subgraphHeaders: { auth0: { 'x-api-key': GATEWAY_KEY } } });
});

afterAll(async () => {
  await gateway?.close();
  await billing?.close();
  await auth0Graph?.close();
  await sim?.close();
});

beforeEach(() => sim.calls.clear());

function ok(result: GraphResult): Record<string, unknown> {
  expect(result.errors).toBeUndefined();
  return result.data as Record<string, unknown>;
}

/** auth0-graph on its own, as a client calls it without a gateway. */
async function queryAuth0Graph(document: string): Promise<GraphResult> {
  const response = await fetch(auth0GraphUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': GATEWAY_KEY },
    body: JSON.stringify({ query: document }),
  });
  return (await response.json()) as GraphResult;
}

/** What an upstream call asked for, so two query shapes can be compared call for call whatever order they ran in. */
function callShapes(entries: readonly CallEntry[]): string[] {
  return entries.map((entry) => `${entry.method} ${entry.route ?? entry.path} ${JSON.stringify(entry.query)}`).sort();
}

describe('auth0-graph in a supergraph', () => {
  it('is composed from the committed subgraph.graphql, which is what the server publishes as _service.sdl', async () => {
    const served = ok(await queryAuth0Graph('{ _service { sdl } }')) as { _service: { sdl: string } };
    expect(served._service.sdl.trimEnd()).toBe(committedSubgraphSdl.trimEnd());
  });

  it('joins billing customers to their Auth0 organizations, members and member roles; an organization gone from Auth0 joins to null', async () => {
    const result = await gateway.query(`{
      customers {
        name seatPrice
        auth0Organization { name memberCount members(first: 5) { edges { node { email roles { name } } } } }
      }
    }`);
    const usersById = new Map(sim.tenant.users.map((user) => [user.user_id, user]));
    const rolesById = new Map(sim.tenant.roles.map((role) => [role.id, role]));
    const expected = customers.map((customer) => {
      const organization = sim.tenant.organizations.find((candidate) => candidate.id === customer.organizationId);
      const members = sim.tenant.members.get(customer.organizationId) ?? [];
      const firstMembers = members.slice(0, 5).map((member) => ({
        node: { email: usersById.get(member.user_id)?.email ?? null, roles: member.role_ids.map((roleId) => ({ name: rolesById.get(roleId)?.name })) },
      }));
      return {
        name: customer.name,
        seatPrice: customer.seatPrice,
        auth0Organization: organization ? { name: organization.name, memberCount: members.length, members: { edges: firstMembers } } : null,
      };
    });
    // The seed gives the test something to get wrong: full pages, and members holding roles.
    expect(expected[0]?.auth0Organization?.members.edges).toHaveLength(5);
    expect(expected[0]?.auth0Organization?.members.edges.some((edge) => edge.node.roles.length > 0)).toBe(true);
    expect(result.data).toEqual({ customers: expected });
    // `_entities` answers null for the deleted organization; its non-null `name` makes the gateway say so there, and only there.
    expect(result.errors?.length).toBeGreaterThan(0);
    for (const error of result.errors ?? []) expect(error.path?.slice(0, 3)).toEqual(['customers', 2, 'auth0Organization']);
  });

  it(`${SEATS} User references from billing cost the same upstream calls as ${SEATS} user(userId:) aliases`, async () => {
    const seatHolders = customers[0]?.seatUserIds ?? [];
    const emailOf = new Map(sim.tenant.users.map((user) => [user.user_id, user.email]));
    const expected = seatHolders.map((userId) => ({ userId, email: emailOf.get(userId) }));

    const joined = ok(await gateway.query('{ customers { seats { userId email } } }')) as { customers: { seats: unknown[] }[] };
    const viaReferences = callShapes(sim.calls.entries);
    expect(joined.customers[0]?.seats).toEqual(expected);

    sim.calls.clear();
    const aliases = seatHolders.map((userId, index) => `u${index}: user(userId: ${JSON.stringify(userId)}) { userId email }`).join('\n');
    // Sent to auth0-graph directly: through the gateway, each root field would be planned on its own.
    const direct = ok(await queryAuth0Graph(`{ ${aliases} }`));
    const viaAliases = callShapes(sim.calls.entries);
    expect(Object.values(direct)).toEqual(expected);

    expect(viaReferences).toEqual(viaAliases);
    // Batched, not one call per reference: the gateway sends the 100 representations together, and 100 ids fit one search.
    expect(viaReferences).toHaveLength(1);
  });
});
