import type { Config } from '../../src/config-types.ts';
import type { RunningSimulator } from '../../src/simulator/options.ts';

/**
 * A whole Config pointing at a simulator with its seeded client credentials, unpaced (the tests count calls,
 * not seconds), shared cache off and anonymous callers allowed; `overrides` replaces whole top-level settings.
 */
export function simulatorConfig(sim: RunningSimulator, overrides: Partial<Config> = {}): Config {
  return {
    auth0: {
      domain: sim.domain,
      baseUrl: sim.url,
      audience: `https://${sim.domain}/api/v2/`,
      credentials: { kind: 'client-credentials', clientId: sim.credentials.clientId, clientSecret: sim.credentials.clientSecret },
      plan: 'enterprise',
      rateLimit: 1000,
      rateBurst: 1000,
    },
    callers: { apiKeys: [], jwt: undefined, allowAnonymous: true },
    cacheTtlSeconds: 0,
    timeoutMs: 20_000,
    maxUpstreamCalls: 1000,
    persistedOperationsFile: undefined,
    redisUrl: undefined,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    ...overrides,
  };
}
