import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/observability/metrics.ts';
import { useMetrics } from '../../src/plugins/use-metrics.ts';

describe('useMetrics', () => {
  it('counts executed, failed and refused operations and serves them at /metrics', async () => {
    const metrics = createMetrics();
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { ok: Boolean broken: Boolean }',
        resolvers: { Query: { ok: () => true, broken: () => { throw new Error('boom'); } } },
      }),
      plugins: [useMetrics({ metrics })],
      logging: false,
    });
    const post = (query: string, operationName?: string) =>
      yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, operationName }),
      });
    await post('query Seats { ok }', 'Seats');
    await post('query Broken { broken }', 'Broken');
    await post('{ missingField }');
    const scrape = await yoga.fetch('http://yoga/metrics');
    expect(scrape.headers.get('content-type')).toContain('text/plain');
    const body = await scrape.text();
    expect(body).toContain('auth0_graph_graphql_operations_total{type="query",operation="Seats",outcome="ok"} 1');
    expect(body).toContain('auth0_graph_graphql_operations_total{type="query",operation="Broken",outcome="error"} 1');
    expect(body).toContain('auth0_graph_graphql_operations_total{type="unknown",operation="anonymous",outcome="refused"} 1');
  });
});
