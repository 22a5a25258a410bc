import { afterEach, describe, expect, it } from 'vitest';
import { startGraphHarness } from '../helpers/graph-harness.ts';
import type { GraphHarness } from '../helpers/graph-harness.ts';

/** docs/schema.md#errors: typed codes, and one failing field never fails its siblings. */
let graph: GraphHarness | undefined;
afterEach(async () => {
  await graph?.close();
  graph = undefined;
});

describe('upstream failures', () => {
  it('a missing scope is FORBIDDEN with missingScope, and sibling fields still answer', async () => {
    graph = await startGraphHarness({ credentials: (sim) => ({ kind: 'token', token: sim.issueToken(['read:users']) }) });
    const user = graph.sim.tenant.users[0];
    const result = await graph.query(
      'query($id: String!) { user(userId: $id) { userId } organizations { edges { node { organizationId } } } }',
      { id: user?.user_id },
    );
    expect(result.data).toEqual({ user: { userId: user?.user_id }, organizations: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({
      path: ['organizations'],
      extensions: { code: 'FORBIDDEN', missingScope: 'read:organizations' },
    });
  });

  it('credentials Auth0 refuses are UNAUTHENTICATED, with no secret in the message', async () => {
    graph = await startGraphHarness({ credentials: () => ({ kind: 'client-credentials', clientId: 'nobody', clientSecret: 's3cret-value' }) });
    const result = await graph.query('{ roles { edges { node { name } } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(result)).not.toContain('s3cret-value');
  });

  it('Auth0 failing is UPSTREAM_UNAVAILABLE on the failing field only', async () => {
    graph = await startGraphHarness();
    graph.sim.faults.searchTimeout = true;
    const role = graph.sim.tenant.roles[0];
    const result = await graph.query('query($r: String!) { users(first: 5, email: "a@example.com") { totalCount } role(roleId: $r) { name } }', { r: role?.id });
    expect(result.data).toEqual({ users: null, role: { name: role?.name } });
    expect(result.errors?.[0]).toMatchObject({ path: ['users'], extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
  });

  it('a rate-limit storm is RATE_LIMITED with retryAfter in seconds', async () => {
    graph = await startGraphHarness();
    graph.sim.faults.rateLimitStorm = { untilMs: Date.now() + 60_000 };
    const result = await graph.query('{ roles { edges { node { name } } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(result.errors?.[0]?.extensions?.['retryAfter']).toEqual(expect.any(Number));
  });
});
