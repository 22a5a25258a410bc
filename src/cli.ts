/**
 * `auth0-graph <command>`: parses the command line and dispatches. Commands are imported on demand,
 * so `--help` stays instant and one command's dependencies cannot break another.
 * Exit codes: 0 done, 1 runtime failure (`check`: something needed is unusable), 2 bad usage or
 * configuration (`check`: no token at all).
 */
import { ConfigError, readEnvironment } from './config.ts';
import type { CliIo } from './cli/io.ts';
import { processIo } from './cli/io.ts';
import { assertOnlyFlags } from './cli/options.ts';
import type { CommandName } from './cli/usage.ts';
import { commandUsage, generalUsage, isCommandName } from './cli/usage.ts';

const HELP_FLAGS = ['--help', '-h'];

export async function main(
  argv: string[],
  io: CliIo = processIo,
  env: Readonly<Record<string, string | undefined>> = readEnvironment(),
): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || HELP_FLAGS.includes(first)) {
    io.out(generalUsage());
    return 0;
  }
  if (first === 'help') return help(rest[0], io);
  if (!isCommandName(first)) {
    io.err(`auth0-graph: unknown command '${first}'\n\n${generalUsage()}`);
    return 2;
  }
  if (rest.some((arg) => HELP_FLAGS.includes(arg))) {
    io.out(commandUsage(first));
    return 0;
  }
  try {
    return await run(first, rest, io, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`auth0-graph ${first}: ${error.message}`);
      return 2;
    }
    io.err(`auth0-graph ${first}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function help(topic: string | undefined, io: CliIo): number {
  if (topic === undefined) {
    io.out(generalUsage());
    return 0;
  }
  if (!isCommandName(topic)) {
    io.err(`auth0-graph: no help for '${topic}'\n\n${generalUsage()}`);
    return 2;
  }
  io.out(commandUsage(topic));
  return 0;
}

async function run(command: CommandName, argv: readonly string[], io: CliIo, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  switch (command) {
    case 'serve': {
      const { runServe } = await import('./cli/serve.ts');
      return runServe(argv, env, io);
    }
    case 'demo': {
      const { runDemo } = await import('./cli/demo.ts');
      return runDemo(argv, env, io);
    }
    case 'simulator': {
      const { runSimulator } = await import('./cli/simulator.ts');
      return runSimulator(argv, io);
    }
    case 'check': {
      const { runCheckCommand } = await import('./cli/check.ts');
      return runCheckCommand(argv, env, io);
    }
    case 'schema': {
      assertOnlyFlags(argv, [], 'schema');
      const [{ schema }, { printSortedSchema }] = await Promise.all([import('./schema/index.ts'), import('./cli/schema-sdl.ts')]);
      io.out(printSortedSchema(schema).trimEnd());
      return 0;
    }
  }
}
