import { loadConfig } from '../config.ts';
import type { Config } from '../config-types.ts';
import { assertOnlyFlags } from './options.ts';

export interface SimulatorEndpoint {
  readonly url: string;
  readonly domain: string;
  readonly credentials: { readonly clientId: string; readonly clientSecret: string };
}

/** The simulator enforces this plan's limits in the demo, and the server budgets for the same. */
export const DEMO_PLAN = 'essentials';

/** The only settings a demo takes from the user; the rest point at the simulator. */
const DEMO_ENV = ['PORT', 'AUTH0_GRAPH_CACHE_TTL', 'AUTH0_GRAPH_CACHE_MAX_MB', 'AUTH0_GRAPH_TIMEOUT_MS', 'AUTH0_GRAPH_MAX_UPSTREAM_CALLS', 'AUTH0_GRAPH_LOG_LEVEL'];
const DEMO_FLAGS = ['--port', '--cache-ttl', '--cache-max-mb', '--timeout-ms', '--max-upstream-calls', '--log-level'];

/**
 * Config for `demo`: the server talks to the simulator with its M2M credentials and listens on
 * loopback only, where anonymous callers are acceptable. A real tenant's settings in the shell
 * (AUTH0_DOMAIN, AUTH0_TOKEN, HOST...) are ignored, so the demo works whatever the shell holds.
 */
export function demoConfig(input: {
  env: Readonly<Record<string, string | undefined>>;
  argv: readonly string[];
  simulator: SimulatorEndpoint;
}): { config: Config; warnings: string[] } {
  assertOnlyFlags(input.argv, DEMO_FLAGS, 'demo');
  const env: Record<string, string | undefined> = {};
  for (const name of DEMO_ENV) env[name] = input.env[name];
  Object.assign(env, {
    AUTH0_DOMAIN: input.simulator.domain,
    AUTH0_BASE_URL: input.simulator.url,
    AUTH0_CLIENT_ID: input.simulator.credentials.clientId,
    AUTH0_CLIENT_SECRET: input.simulator.credentials.clientSecret,
    AUTH0_PLAN: DEMO_PLAN,
    AUTH0_GRAPH_ALLOW_ANONYMOUS: 'true',
    HOST: '127.0.0.1',
  });
  return loadConfig({ env, argv: input.argv });
}
