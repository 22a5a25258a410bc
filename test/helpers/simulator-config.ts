import { loadConfig } from '../../src/config.ts';
import type { Config } from '../../src/config-types.ts';
import type { RunningSimulator } from '../../src/simulator/options.ts';

/**
 * A whole Config pointing at a simulator with its seeded client credentials, unpaced (the tests count calls,
 * not seconds), shared cache off and anonymous callers allowed. It is loaded from an environment as the
 * server's own is, so every setting not named here has its real default; `overrides` replaces whole
 * top-level settings.
 */
export function simulatorConfig(sim: RunningSimulator, overrides: Partial<Config> = {}): Config {
  const { config } = loadConfig({ env: simulatorEnv(sim) });
  return { ...config, ...overrides };
}

/** The environment `simulatorConfig` loads, for tests that add settings of their own and call `loadConfig`. */
export function simulatorEnv(sim: Pick<RunningSimulator, 'url' | 'domain' | 'credentials'>): Record<string, string> {
  return {
    AUTH0_DOMAIN: sim.domain,
    AUTH0_BASE_URL: sim.url,
    AUTH0_CLIENT_ID: sim.credentials.clientId,
    AUTH0_CLIENT_SECRET: sim.credentials.clientSecret,
    AUTH0_PLAN: 'enterprise',
    AUTH0_RATE_LIMIT: '1000',
    AUTH0_RATE_BURST: '1000',
    AUTH0_GRAPH_CACHE_TTL: '0',
    AUTH0_GRAPH_TIMEOUT_MS: '20000',
    AUTH0_GRAPH_MAX_UPSTREAM_CALLS: '1000',
    AUTH0_GRAPH_ALLOW_ANONYMOUS: 'true',
    PORT: '0',
    HOST: '127.0.0.1',
    AUTH0_GRAPH_LOG_LEVEL: 'silent',
    // Tests count calls: the change feed polls only where a test turns it on.
    AUTH0_GRAPH_FEED: 'off',
  };
}
