import { readFileSync } from 'node:fs';
import { runCheck } from '../check/run-check.ts';
import { ConfigError, loadConfig } from '../config.ts';
import type { CliIo } from './io.ts';
import { takeOptions } from './options.ts';

/** `auth0-graph check`: token, granted scopes and which parts of the graph are usable, optionally for one document. */
export async function runCheckCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, io: CliIo): Promise<number> {
  const { taken, rest } = takeOptions(argv, ['--query']);
  const { config, warnings } = loadConfig({ env, argv: rest });
  for (const warning of warnings) io.err(`warning: ${warning}`);
  const queryFile = taken['--query'];
  if (queryFile === undefined) return runCheck(config, io.out);
  let source: string;
  try {
    source = readFileSync(queryFile, 'utf8');
  } catch {
    throw new ConfigError('--query', `cannot read ${queryFile}; give a .graphql file with the operations to check`);
  }
  const { schema } = await import('../schema/index.ts');
  return runCheck(config, io.out, { query: { source, schema } });
}
