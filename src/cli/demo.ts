import { readFileSync } from 'node:fs';
import { createApp } from '../server.ts';
import { startSimulator } from '../simulator/index.ts';
import { DEMO_PLAN, demoConfig } from './demo-config.ts';
import type { CliIo } from './io.ts';
import { listenOrExplain } from './listen-error.ts';
import { parseOnOff, parseWholeNumber, takeOptions } from './options.ts';
import { waitForShutdownSignal } from './shutdown.ts';

const EXAMPLES: readonly (readonly [file: string, note?: string])[] = [
  ['seats-per-organization'],
  ['organization-members-roles'],
  ['user-profile', '# variables: { "userId": "<a userId from the query above>" }'],
];

/** `auth0-graph demo`: simulated tenant + graph on loopback, until SIGINT/SIGTERM. */
export async function runDemo(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, io: CliIo): Promise<number> {
  const { taken, rest } = takeOptions(argv, ['--seed', '--activity']);
  const seed = parseWholeNumber('--seed', taken['--seed']);
  // The demo's tenant lives, so a dashboard over it visibly changes; `--activity off` holds it still.
  const activity = parseOnOff('--activity', taken['--activity'], true);
  const simulator = await startSimulator({
    host: '127.0.0.1',
    port: 0,
    rateLimit: DEMO_PLAN,
    secrets: 'scope-accurate',
    // About one membership change every 6 s: often enough that the live seats example changes while someone watches.
    activity: activity && { membershipChance: 0.5 },
    ...(seed === undefined ? {} : { seed }),
  });
  try {
    const { config, warnings } = demoConfig({ env, argv: rest, simulator });
    for (const warning of warnings) io.err(`warning: ${warning}`);
    const app = createApp(config);
    const url = await listenOrExplain(app, config, 'demo', io);
    if (url === undefined) return 1;
    const graphql = new URL('/graphql', url).href;
    io.out(`auth0-graph demo: a simulated Auth0 tenant (${simulator.domain}, ${DEMO_PLAN} plan rate limits) answered live, on loopback only`);
    if (activity) io.out('Its users log in every few seconds and members join and leave organizations now and then (--activity off to stop).');
    io.out('');
    io.out('GraphiQL opens with these preloaded (pick one from the ▶ menu); they are also in examples/:');
    for (const [file, note] of EXAMPLES) io.out(`\n${exampleText(file)}${note === undefined ? '' : `\n${note}`}`);
    io.out('');
    io.out(`Or from a shell: curl -s ${graphql} -H 'content-type: application/json' -d '{"query":"{ organizations(first: 3) { edges { node { name memberCount } } } }"}'`);
    io.out('');
    io.out(`  GraphiQL   ${graphql}`);
    io.out(`  Simulator  ${simulator.url}`);
    io.out('');
    io.out('Press Ctrl+C to stop.');
    const signal = await waitForShutdownSignal();
    io.err(`auth0-graph demo: ${signal} received, shutting down`);
    await app.close();
    return 0;
  } finally {
    await simulator.close();
  }
}

function exampleText(name: string): string {
  return readFileSync(new URL(`../../examples/${name}.graphql`, import.meta.url), 'utf8').trimEnd();
}
