import type { Auth0Credentials, Config } from '../../src/config-types.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { createApp } from '../../src/server.ts';
import type { App, AppDeps } from '../../src/server.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import type { RunningSimulator } from '../../src/simulator/options.ts';
import type { SimulatorOptions } from '../../src/simulator/options.ts';
import { tapApp } from './leak-record.ts';
import { simulatorConfig } from './simulator-config.ts';

export interface GraphResult {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
  readonly extensions?: Record<string, unknown>;
}

export interface GraphHarness {
  query(document: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphResult>;
  readonly sim: RunningSimulator;
  readonly app: App;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly simulator?: SimulatorOptions;
  /** Shared cache TTL; tests count upstream calls, so it is off unless a test is about the cache. @default 0 */
  readonly cacheTtlSeconds?: number;
  /** How the graph authenticates to the simulator; by default the seeded reporting app's client credentials. */
  readonly credentials?: (sim: RunningSimulator) => Auth0Credentials;
  /** Whole top-level settings replaced in the simulator config (e.g. `tracing`). */
  readonly config?: Partial<Config>;
  /** Upstream settings replaced one by one (e.g. the plan and its pace). */
  readonly auth0?: Partial<Omit<Config['auth0'], 'credentials'>>;
  /** What the composition root would otherwise build itself (e.g. a tracer provider with an in-memory exporter). */
  readonly deps?: (sim: RunningSimulator) => AppDeps;
}

/**
 * A simulator on an ephemeral port and the app in-process, queried through `app.fetch` (no port of its own).
 * The app logs at debug level into the secret guard's record, as do its answers and what the simulator served it.
 */
export async function startGraphHarness(options: HarnessOptions = {}): Promise<GraphHarness> {
  const sim = await startSimulator({ size: { users: 60, organizations: 6, largestOrganizationMembers: 30, applications: 4, statsDays: 10 }, ...options.simulator });
  const base = simulatorConfig(sim, { cacheTtlSeconds: options.cacheTtlSeconds ?? 0, logLevel: 'debug', ...options.config });
  const credentials = options.credentials?.(sim);
  const auth0 = { ...base.auth0, ...options.auth0 };
  const config: Config = { ...base, auth0: credentials === undefined ? auth0 : { ...auth0, credentials } };
  const tap = tapApp(sim);
  const app = createApp(config, { logger: createLogger(config, tap.logDestination()), ...options.deps?.(sim) });
  return {
    sim,
    app,
    async query(document, variables, headers) {
      const response = await app.fetch(
        new Request('http://graph.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query: document, variables }),
        }),
      );
      const text = await response.text();
      tap.response(text);
      tap.upstream();
      return JSON.parse(text) as GraphResult;
    },
    async close() {
      tap.upstream();
      await app.close();
      await sim.close();
    },
  };
}
