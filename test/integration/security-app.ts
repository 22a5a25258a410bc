import type { Config } from '../../src/config-types.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { createApp } from '../../src/server.ts';
import type { App } from '../../src/server.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import type { RunningSimulator, SimulatorOptions } from '../../src/simulator/options.ts';
import { tapApp } from '../helpers/leak-record.ts';
import { simulatorConfig } from '../helpers/simulator-config.ts';

export const API_KEY = 'test-api-key-0123456789abcdef';

/** The fully wired app (every plugin, real logger into memory) over a simulator, for the security suites. */
export interface SecuredApp {
  readonly sim: RunningSimulator;
  readonly app: App;
  readonly config: Config;
  /** Every log line the app wrote. */
  readonly logs: string[];
  /** POST /graphql with the API key unless `headers` says otherwise. */
  post(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; text: string; body: GraphQLBody }>;
  close(): Promise<void>;
}

export interface GraphQLBody {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

export async function startSecuredApp(
  overrides: (sim: RunningSimulator) => Partial<Config> = () => ({}),
  simulator: SimulatorOptions = {},
): Promise<SecuredApp> {
  const sim = await startSimulator({ size: { users: 300, organizations: 8, largestOrganizationMembers: 120, applications: 3, statsDays: 5 }, ...simulator });
  const config = simulatorConfig(sim, {
    callers: { apiKeys: [API_KEY], jwt: undefined, allowAnonymous: false },
    logLevel: 'debug',
    ...overrides(sim),
  });
  const logs: string[] = [];
  const tap = tapApp(sim);
  const app = createApp(config, { logger: createLogger(config, tap.logDestination((line) => logs.push(line))) });
  return {
    sim,
    app,
    config,
    logs,
    async post(query, variables, headers = { authorization: `Bearer ${API_KEY}` }) {
      const response = await app.fetch(
        new Request('http://graph.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query, variables }),
        }),
      );
      const text = await response.text();
      tap.response(text);
      tap.upstream();
      return { status: response.status, text, body: JSON.parse(text) as GraphQLBody };
    },
    async close() {
      tap.upstream();
      await app.close();
      await sim.close();
    },
  };
}
