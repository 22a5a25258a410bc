import type { Auth0Settings } from '../config-types.ts';
import type { RunningSimulator } from './options.ts';

/**
 * What a client needs to reach this simulator as it would a tenant: its address, the audience a real tenant
 * would expect, and the seeded reporting app's credentials. Plan and limits default to the plan's preset.
 */
export function clientSettingsFor(sim: Pick<RunningSimulator, 'url' | 'domain' | 'credentials'>, overrides: Partial<Auth0Settings> = {}): Auth0Settings {
  return {
    domain: sim.domain,
    baseUrl: sim.url,
    audience: `https://${sim.domain}/api/v2/`,
    credentials: { kind: 'client-credentials', ...sim.credentials },
    plan: 'enterprise',
    rateLimit: undefined,
    rateBurst: undefined,
    upstreamConnections: undefined,
    // A client of its own has no other requests to take turns with: its calls queue until their deadline.
    maxQueueMs: Infinity,
    ...overrides,
  };
}
