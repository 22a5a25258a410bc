import { ConfigError } from '../config.ts';
import type { RateLimitPreset, TenantScale } from '../simulator/index.ts';
import { startSimulator, TENANT_SCALES } from '../simulator/index.ts';
import type { CliIo } from './io.ts';
import { assertOnlyFlags, parseOnOff, parseWholeNumber, takeOptions } from './options.ts';
import { waitForShutdownSignal } from './shutdown.ts';

/** `auth0-graph simulator`: the simulated Management API alone, for pointing a server or a script at it. */
export async function runSimulator(argv: readonly string[], io: CliIo): Promise<number> {
  const { taken, rest } = takeOptions(argv, [
    '--port', '--host', '--seed', '--domain', '--latency-ms', '--plan', '--scale', '--activity', '--log-delay-ms', '--log-stream',
    '--event-stream', '--webhook-token',
  ]);
  assertOnlyFlags(rest, [], 'simulator');
  const seed = parseWholeNumber('--seed', taken['--seed']);
  const port = parseWholeNumber('--port', taken['--port'], 65535);
  const latencyMs = parseWholeNumber('--latency-ms', taken['--latency-ms'], 60_000);
  const logDelayMs = parseWholeNumber('--log-delay-ms', taken['--log-delay-ms'], 3_600_000);
  const token = taken['--webhook-token'];
  const target = (url: string | undefined): { url: string; authorization?: string }[] =>
    url === undefined ? [] : [{ url, ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) }];
  const simulator = await startSimulator({
    rateLimit: parsePlan(taken['--plan']),
    scale: parseScale(taken['--scale']),
    // What someone points a script at should answer as Auth0 documents, not as the leak-hunting tests want.
    secrets: 'scope-accurate',
    host: taken['--host'] ?? '127.0.0.1',
    ...(port === undefined ? {} : { port }),
    ...(seed === undefined ? {} : { seed }),
    ...(taken['--domain'] === undefined ? {} : { domain: taken['--domain'] }),
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(logDelayMs === undefined ? {} : { logDelayMs }),
    activity: parseOnOff('--activity', taken['--activity'], false) && {},
    logStreams: target(taken['--log-stream']),
    eventStreams: target(taken['--event-stream']),
  });
  const { users, organizations } = simulator.tenant;
  io.out(`auth0-graph simulator: ${simulator.url} (domain ${simulator.domain}, ${users.length} users, ${organizations.length} organizations)`);
  io.out('Point a server at it with:');
  io.out(`  AUTH0_BASE_URL=${simulator.url}`);
  io.out(`  AUTH0_DOMAIN=${simulator.domain}`);
  // Simulator credentials are throwaway and printing them is the point of this command.
  io.out(`  AUTH0_CLIENT_ID=${simulator.credentials.clientId}`);
  io.out(`  AUTH0_CLIENT_SECRET=${simulator.credentials.clientSecret}`);
  io.out('Press Ctrl+C to stop.');
  const signal = await waitForShutdownSignal();
  io.err(`auth0-graph simulator: ${signal} received, shutting down`);
  await simulator.close();
  return 0;
}

const PLANS: readonly RateLimitPreset[] = ['free', 'essentials', 'professional', 'enterprise'];

// A paid self-service tenant by default: limits are felt without making every demo query crawl.
function parsePlan(raw: string | undefined): RateLimitPreset | false {
  if (raw === undefined) return 'essentials';
  if (raw === 'none') return false;
  const plan = PLANS.find((p) => p === raw);
  if (plan === undefined) throw new ConfigError('--plan', `must be one of ${PLANS.join(', ')} or none, got '${raw}'`);
  return plan;
}

const isTenantScale = (raw: string): raw is TenantScale => Object.hasOwn(TENANT_SCALES, raw);

// The demo's tenant by default: big enough to page through, small enough to start at once.
function parseScale(raw: string | undefined): TenantScale {
  if (raw === undefined) return 'small';
  if (!isTenantScale(raw)) throw new ConfigError('--scale', `must be one of ${Object.keys(TENANT_SCALES).join(', ')}, got '${raw}'`);
  return raw;
}
