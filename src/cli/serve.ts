import { describeBudget } from '../auth0/rate-limit/describe-budget.ts';
import { assertCallerAuthentication, loadConfig } from '../config.ts';
import type { CliIo } from './io.ts';
import { listenOrExplain } from './listen-error.ts';
import { waitForShutdownSignal } from './shutdown.ts';

/** `auth0-graph serve`: the graph of a real tenant, until SIGINT/SIGTERM. Config errors throw `ConfigError`. */
export async function runServe(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, io: CliIo): Promise<number> {
  const { config, warnings } = loadConfig({ env, argv });
  assertCallerAuthentication(config);
  for (const warning of warnings) io.err(`warning: ${warning}`);
  // Imported only now: a configuration error should not wait for the whole graph to load.
  const { createApp } = await import('../server.ts');
  const app = createApp(config);
  const url = await listenOrExplain(app, config, 'serve', io);
  if (url === undefined) return 1;
  const budget = app.rateBudget();
  const rates = budget === undefined ? '' : `; rate budget ${describeBudget(budget)}`;
  io.out(`auth0-graph serve: ${new URL('/graphql', url).href} (tenant ${config.auth0.domain}, plan ${config.auth0.plan}${rates})`);
  const signal = await waitForShutdownSignal();
  io.err(`auth0-graph serve: ${signal} received, draining`);
  await app.close();
  return 0;
}
