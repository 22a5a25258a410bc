import { describe, expect, it } from 'vitest';
import type { Auth0Counters } from '../../src/auth0/counters.ts';
import { resolveBudget } from '../../src/auth0/rate-limit/presets.ts';
import { createRateLimiter } from '../../src/auth0/rate-limit/rate-limiter.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { createFakeClock } from './auth0-fake-clock.ts';

describe('createMetrics', () => {
  it('keeps its own registry, so two apps in one process do not collide', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.recordCacheEvent({ route: '/users/{id}', outcome: 'hit' });
    expect((await a.render()).body).toContain('auth0_graph_cache_events_total{route="/users/{id}",outcome="hit"} 1');
    expect((await b.render()).body).not.toContain('outcome="hit"} 1');
  });

  it('counts operations, upstream calls, limiter waits and cache bytes', async () => {
    const metrics = createMetrics();
    metrics.recordOperation({ type: 'query', name: 'Seats', outcome: 'ok', durationMs: 120 });
    metrics.recordOperation({ type: 'unknown', name: undefined, outcome: 'refused', durationMs: 2 });
    metrics.recordUpstreamCall({
      method: 'GET',
      route: '/organizations/{id}/members',
      group: 'organization-members',
      status: 200,
      attempts: 2,
      waitMs: 300,
      durationMs: 450,
    });
    metrics.setCacheBytes(4096);
    const { body, contentType } = await metrics.render();
    expect(contentType).toContain('text/plain');
    expect(body).toContain('auth0_graph_graphql_operations_total{type="query",operation="Seats",outcome="ok"} 1');
    expect(body).toContain('auth0_graph_graphql_operations_total{type="unknown",operation="anonymous",outcome="refused"} 1');
    expect(body).toContain('auth0_graph_graphql_operation_duration_seconds_bucket{le="0.25",type="query",operation="Seats"} 1');
    expect(body).toContain(
      'auth0_graph_upstream_calls_total{group="organization-members",route="/organizations/{id}/members",status="200"} 1',
    );
    expect(body).toContain('auth0_graph_limiter_wait_seconds_sum{group="organization-members"} 0.3');
    expect(body).toContain('auth0_graph_cache_bytes 4096');
  });

  it('caps caller-chosen operation names', async () => {
    const metrics = createMetrics({ maxOperationNames: 2 });
    for (const name of ['A', 'B', 'C', 'D', 'A']) metrics.recordOperation({ type: 'query', name, outcome: 'ok', durationMs: 1 });
    const { body } = await metrics.render();
    expect(body).toContain('operation="A",outcome="ok"} 2');
    expect(body).toContain('operation="other",outcome="ok"} 2');
    expect(body).not.toContain('operation="C"');
  });

  it("reads the client's running totals at scrape time", async () => {
    const metrics = createMetrics();
    const counters: Auth0Counters = {
      calls: new Map(),
      retries: 1,
      rateLimited: 0,
      refusals: new Map(),
      limiterWaitMs: 0,
      tokensIssued: 1,
    };
    metrics.observeAuth0(counters);
    counters.retries = 3;
    counters.rateLimited = 2;
    counters.limiterWaitMs = 1500;
    counters.refusals.set('users queue', 4);
    const { body } = await metrics.render();
    expect(body).toContain('auth0_graph_upstream_retries_total 3');
    expect(body).toContain('auth0_graph_upstream_rate_limited_total 2');
    expect(body).toContain('auth0_graph_limiter_wait_seconds_total 1.5');
    expect(body).toContain('auth0_graph_auth0_tokens_issued_total 1');
    expect(body).toContain('auth0_graph_rate_limit_refusals_total{lane="users",reason="queue"} 4');
  });

  it('shows the rate budget per lane and where it comes from, as it is at scrape time', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ ...resolveBudget('auto', undefined, undefined), clock });
    const metrics = createMetrics();
    metrics.observeRateBudget(limiter);
    const before = (await metrics.render()).body;
    expect(before).toContain('auth0_graph_rate_budget_capacity{lane="users",source="assumed"} 1');
    expect(before).toContain('auth0_graph_rate_budget_capacity{lane="global",source="configured"} 40');

    await limiter.acquire('users', { route: '/users', deadline: clock.now() + 1_000, signal: new AbortController().signal, priority: false, notBefore: 0 });
    const reset = String(Math.ceil(clock.now() / 1000) + 1);
    limiter.settle('users', { status: 200, headers: { 'x-ratelimit-limit': '40', 'x-ratelimit-remaining': '39', 'x-ratelimit-reset': reset }, body: [], sentAt: clock.now() });
    const after = (await metrics.render()).body;
    expect(after).toContain('auth0_graph_rate_budget_capacity{lane="users",source="learned"} 32');
    expect(after).not.toContain('lane="users",source="assumed"');
    expect(after).toMatch(/auth0_graph_rate_budget_per_second\{lane="users",source="learned"\} \d/);
  });
});
