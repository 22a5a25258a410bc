import { SETTINGS, settingHelp } from '../config.ts';

export type CommandName = 'serve' | 'demo' | 'check' | 'schema' | 'simulator';

interface CommandHelp {
  readonly summary: string;
  readonly usage: string;
  readonly options: readonly (readonly [string, string])[];
  /** Env vars the command reads; `true` means every setting. */
  readonly env: readonly string[] | true;
}

/** A setting's flag as an option line, its text and default from SETTINGS. */
function settingOption(flag: string, placeholder: string): readonly [string, string] {
  const spec = SETTINGS.find((s) => s.flag === flag);
  if (spec === undefined) throw new Error(`${flag} is not a setting's flag`);
  return [`${flag} ${placeholder}`, settingHelp(spec)];
}

const DEMO_OPTIONS = [
  settingOption('--port', '<n>'),
  ['--seed <n>', 'seed of the simulated tenant (default: the simulator\'s)'],
  ['--activity <on|off>', 'simulated users log in every few seconds and members join and leave organizations now and then (default on)'],
  settingOption('--cache-ttl', '<s>'),
  settingOption('--cache-max-mb', '<n>'),
  settingOption('--timeout-ms', '<n>'),
  settingOption('--max-upstream-calls', '<n>'),
  settingOption('--log-level', '<level>'),
] as const;

export const COMMANDS: Readonly<Record<CommandName, CommandHelp>> = {
  serve: {
    summary: 'serve the graph of a real Auth0 tenant',
    usage: 'auth0-graph serve [options]',
    options: [
      ['--config <file.json>', 'read settings from a JSON object keyed by env var names'],
      ...SETTINGS.flatMap((s) => (s.flag === undefined ? [] : [[s.boolean === true ? s.flag : `${s.flag} <value>`, `${settingHelp(s)} (env ${s.env})`] as const])),
    ],
    env: true,
  },
  demo: {
    summary: 'a simulated tenant and the graph over it, on 127.0.0.1, with GraphiQL',
    usage: 'auth0-graph demo [options]',
    options: DEMO_OPTIONS,
    env: ['PORT', 'AUTH0_GRAPH_CACHE_TTL', 'AUTH0_GRAPH_CACHE_MAX_MB', 'AUTH0_GRAPH_TIMEOUT_MS', 'AUTH0_GRAPH_MAX_UPSTREAM_CALLS', 'AUTH0_GRAPH_LOG_LEVEL'],
  },
  check: {
    summary: 'check the credentials, granted scopes and rate-limit plan, and which parts of the graph are usable',
    usage: 'auth0-graph check [--query <file.graphql>] [options]',
    options: [
      ['--query <file.graphql>', 'check only what the operations in this file need'],
      ['--config <file.json>', 'read settings from a JSON object keyed by env var names'],
      ['--domain <host>', 'tenant host (env AUTH0_DOMAIN)'],
      ['--base-url <url>', 'scheme+host override (env AUTH0_BASE_URL)'],
      ['--audience <url>', 'token audience (env AUTH0_AUDIENCE)'],
      ['--plan <plan>', 'the plan you expect; check reports the one the rate-limit headers suggest (env AUTH0_PLAN)'],
    ],
    env: ['AUTH0_DOMAIN', 'AUTH0_CLIENT_ID', 'AUTH0_CLIENT_SECRET', 'AUTH0_TOKEN', 'AUTH0_AUDIENCE', 'AUTH0_BASE_URL', 'AUTH0_PLAN'],
  },
  schema: {
    summary: 'print the GraphQL schema (SDL), sorted',
    usage: 'auth0-graph schema',
    options: [],
    env: [],
  },
  simulator: {
    summary: 'run the Auth0 Management API simulator alone and print its credentials',
    usage: 'auth0-graph simulator [options]',
    options: [
      ['--port <n>', 'port (default 0: any free port)'],
      ['--host <addr>', 'interface (default 127.0.0.1)'],
      ['--seed <n>', 'seed of the simulated tenant'],
      ['--domain <host>', 'tenant domain the simulator claims to be'],
      ['--latency-ms <n>', 'added latency per response'],
      ['--plan <plan>', 'rate limits to enforce: free | essentials | professional | enterprise | none (default essentials)'],
      ['--scale <size>', 'tenant size: small (2,500 users, 40 orgs; default) | medium (12,000 users, 1,050 orgs) | large (100,000 users, 1,000 orgs, one of 10,000 members)'],
      ['--activity <on|off>', 'logins every few seconds and members joining and leaving organizations now and then (default off)'],
      ['--log-delay-ms <n>', 'tenant log entries show in /logs and Log Streams this long after their event (default 0)'],
      ['--log-stream <url>', 'push log entries to this custom-webhook Log Stream'],
      ['--event-stream <url>', 'push CloudEvents for each change to this Event Streams webhook'],
      ['--webhook-token <token>', 'sent to both as Authorization: Bearer <token>'],
    ],
    env: [],
  },
};

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

export function generalUsage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    'auth0-graph: a live GraphQL graph over the Auth0 Management API',
    '',
    'Usage: auth0-graph <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, help]) => `  ${name.padEnd(width)}  ${help.summary}`),
    '',
    'Run `auth0-graph help <command>` (or `<command> --help`) for its options and environment variables.',
  ].join('\n');
}

export function commandUsage(name: CommandName): string {
  const help = COMMANDS[name];
  const lines = [`${help.usage}`, '', help.summary];
  if (help.options.length > 0) {
    const width = Math.max(...help.options.map(([flag]) => flag.length));
    lines.push('', 'Options:', ...help.options.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`));
  }
  const envNames = help.env === true ? SETTINGS.map((s) => s.env) : help.env;
  if (envNames.length > 0) {
    const width = Math.max(...envNames.map((name) => name.length));
    const describe = (name: string): string => {
      const spec = SETTINGS.find((s) => s.env === name);
      return spec === undefined ? '' : settingHelp(spec);
    };
    lines.push('', 'Environment (flags override it):', ...envNames.map((name) => `  ${name.padEnd(width)}  ${describe(name)}`));
  }
  return lines.join('\n');
}
