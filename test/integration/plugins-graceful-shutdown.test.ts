import { describe, expect, it } from 'vitest';
import type { Auth0Client, Auth0Request } from '../../src/auth0/types.ts';
import { loadConfig } from '../../src/config.ts';
import { createApp } from '../../src/server.ts';

/** An upstream that answers only when the test says so, so a request is provably in flight. */
function gatedUpstream() {
  let release: (value: unknown) => void = () => {};
  let announce: () => void = () => {};
  const called = new Promise<void>((resolve) => (announce = resolve));
  const events: string[] = [];
  const client: Auth0Client = {
    get(request: Auth0Request) {
      events.push(`get ${request.path}`);
      announce();
      return new Promise((resolve) => (release = resolve));
    },
    close() {
      events.push('upstream closed');
      return Promise.resolve();
    },
  };
  return { client, called, events, answer: (value: unknown) => release(value) };
}

const { config } = loadConfig({
  env: {
    AUTH0_DOMAIN: 'shutdown.example.test',
    AUTH0_BASE_URL: 'http://127.0.0.1:9',
    AUTH0_TOKEN: 'static-token-for-shutdown-test',
    AUTH0_PLAN: 'enterprise',
    AUTH0_GRAPH_CACHE_TTL: '0',
    AUTH0_GRAPH_TIMEOUT_MS: '20000',
    AUTH0_GRAPH_MAX_UPSTREAM_CALLS: '50',
    AUTH0_GRAPH_ALLOW_ANONYMOUS: 'true',
    PORT: '0',
    HOST: '127.0.0.1',
    AUTH0_GRAPH_LOG_LEVEL: 'silent',
    // The upstream counts its calls: no change feed polling through it.
    AUTH0_GRAPH_FEED: 'off',
  },
});

describe('graceful shutdown', () => {
  it('stops accepting, finishes the in-flight request, then closes the upstream', async () => {
    const upstream = gatedUpstream();
    const app = createApp(config, { auth0: upstream.client });
    const { url } = await app.listen();
    const inFlight = fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ tenantStats { activeUsers } }' }),
    });
    await upstream.called;
    const closing = app.close();
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    expect(upstream.events).not.toContain('upstream closed');
    upstream.answer(42);
    const response = await inFlight;
    expect(await response.json()).toEqual({ data: { tenantStats: { activeUsers: 42 } } });
    await closing;
    expect(upstream.events).toEqual(['get /stats/active-users', 'upstream closed']);
  });
});
