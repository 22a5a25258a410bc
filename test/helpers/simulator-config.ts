import type { Config } from '../../src/config-types.ts';
import type { RunningSimulator } from '../../src/simulator/options.ts';
import { clientSettingsFor } from '../../src/simulator/client-settings.ts';

/**
 * A whole Config pointing at a simulator with its seeded client credentials, unpaced (the tests count calls,
 * not seconds), shared cache off and anonymous callers allowed; `overrides` replaces whole top-level settings.
 */
export function simulatorConfig(sim: RunningSimulator, overrides: Partial<Config> = {}): Config {
  return {
    auth0: clientSettingsFor(sim, { rateLimit: 1000, rateBurst: 1000 }),
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
