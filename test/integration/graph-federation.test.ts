import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGraphHarness } from '../helpers/graph-harness.ts';
import type { GraphHarness, GraphResult } from '../helpers/graph-harness.ts';

/** The graph as an Apollo Federation subgraph: entity keys a supergraph joins on, resolved in batches. */
let graph: GraphHarness;
beforeAll(async () => {
  graph = await startGraphHarness();
});
afterAll(() => graph.close());
beforeEach(() => graph.sim.calls.clear());

function ok(result: GraphResult): Record<string, unknown> {
  expect(result.errors).toBeUndefined();
  return result.data as Record<string, unknown>;
}

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on User { userId email }
    ... on Organization { organizationId organizationName: name }
    ... on Client { clientId name }
  }
}`;

describe('federation', () => {
  it('publishes User, Organization and Client as entities keyed by their raw Auth0 ids', async () => {
    const data = ok(await graph.query('{ _service { sdl } }'));
    const sdl = (data as { _service: { sdl: string } })._service.sdl;
    expect(sdl).toMatch(/type User implements Node\s+@key\(fields: "userId"\)/);
    expect(sdl).toMatch(/type Organization implements Node\s+@key\(fields: "organizationId"\)/);
    expect(sdl).toMatch(/type Client implements Node\s+@key\(fields: "clientId"\)/);
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])');
    expect(graph.sim.calls.count()).toBe(0);
  });

  it('resolves a batch of user references with one upstream search, in order, a missing id as null', async () => {
    const users = graph.sim.tenant.users.slice(5, 25);
    const representations = [
      ...users.map((user) => ({ __typename: 'User', userId: user.user_id })),
      { __typename: 'User', userId: 'auth0|no-such-user' },
    ];
    const data = ok(await graph.query(ENTITIES, { representations }));
    expect(data).toEqual({
      _entities: [...users.map((user) => ({ __typename: 'User', userId: user.user_id, email: user.email ?? null })), null],
    });
    // The search finds the 20 users; the id it misses is re-read through the consistent GET before being called null.
    expect(graph.sim.calls.entries.map((call) => call.route).sort()).toEqual(['/users', '/users/{id}']);
  });

  it('resolves organization and client references beside users in the same request', async () => {
    const organization = graph.sim.tenant.organizations[1];
    const client = graph.sim.tenant.clients[0];
    const user = graph.sim.tenant.users[0];
    if (!organization || !client || !user) throw new Error('seed too small');
    const representations = [
      { __typename: 'Organization', organizationId: organization.id },
      { __typename: 'Client', clientId: client.client_id },
      { __typename: 'User', userId: user.user_id },
    ];
    const data = ok(await graph.query(ENTITIES, { representations }));
    expect(data).toEqual({
      _entities: [
        { __typename: 'Organization', organizationId: organization.id, organizationName: organization.name },
        { __typename: 'Client', clientId: client.client_id, name: client.name ?? null },
        { __typename: 'User', userId: user.user_id, email: user.email ?? null },
      ],
    });
    expect(graph.sim.calls.entries.map((call) => call.route).sort()).toEqual(['/clients/{id}', '/organizations/{id}', '/users/{id}']);
  });
});
