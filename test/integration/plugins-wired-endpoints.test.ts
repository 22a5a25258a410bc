import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSecuredApp } from './security-app.ts';
import type { SecuredApp } from './security-app.ts';
import { clientSettingsFor } from '../../src/simulator/client-settings.ts';

/** The operational endpoints of the wired app: probes, metrics and request ids. */
let secured: SecuredApp;
let refused: SecuredApp;
beforeAll(async () => {
  [secured, refused] = await Promise.all([
    startSecuredApp(),
    startSecuredApp((sim) => ({
      auth0: clientSettingsFor(sim, {
        credentials: { kind: 'client-credentials', clientId: sim.credentials.clientId, clientSecret: 'not-the-secret-at-all' },
        rateLimit: 1000,
        rateBurst: 1000,
      }),
    })),
  ]);
});
afterAll(() => Promise.all([secured.close(), refused.close()]));

const get = (app: SecuredApp, path: string): Promise<Response> => app.app.fetch(new Request(`http://graph.test${path}`));

describe('operational endpoints', () => {
  it('/health answers without credentials and without reaching Auth0', async () => {
    secured.sim.calls.clear();
    expect((await get(secured, '/health')).status).toBe(200);
    expect(secured.sim.calls.count()).toBe(0);
  });

  it('/ready is 200 when Auth0 accepts the token and 503 with the reason when it does not', async () => {
    const ready = await get(secured, '/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, feed: { mode: 'off', state: 'off' } });
    const notReady = await get(refused, '/ready');
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ ready: false, reason: 'AUTH0_TOKEN', feed: { mode: 'off', state: 'off' } });
  });

  it('/metrics counts operations and upstream calls; responses and log lines carry the request id', async () => {
    const { status } = await secured.post('query Seats { organizations(first: 2) { edges { node { memberCount } } } }', undefined, {
      'x-api-key': 'test-api-key-0123456789abcdef',
      'x-request-id': 'trace-123',
    });
    expect(status).toBe(200);
    const metrics = await (await get(secured, '/metrics')).text();
    expect(metrics).toMatch(/auth0_graph_graphql_operations_total\{type="query",operation="Seats",outcome="ok"\} 1/);
    expect(metrics).toMatch(/auth0_graph_upstream_calls_total\{group="organization-members",route="\/organizations\/\{id\}\/members",status="200"\} 2/);
    expect(secured.logs.some((line) => line.includes('"requestId":"trace-123"'))).toBe(true);
    const response = await get(secured, '/graphql?query=%7B__typename%7D');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
