import { realpathSync } from 'node:fs';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { Auth0Error } from '../../src/auth0/errors.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { yogaLoggerOf } from '../../src/plugins/yoga-logger.ts';
import { startGraphHarness } from '../helpers/graph-harness.ts';
import type { GraphHarness } from '../helpers/graph-harness.ts';
import { loggerConfig } from '../helpers/logger-config.ts';
import { simulatorConfig } from '../helpers/simulator-config.ts';

const INSTALL = realpathSync(fileURLToPath(new URL('../..', import.meta.url)));

interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly errors?: readonly string[];
  readonly retryAfter?: number;
  readonly err?: { readonly stack?: string };
}

function collecting(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter((line) => line.length > 0));
      callback();
    },
  });
}

let graph: GraphHarness | undefined;
afterEach(async () => {
  await graph?.close();
  graph = undefined;
});

describe('refusals under overload', () => {
  it('are one info line per request with code and retryAfter, no stack, no install path, and a metric of their own', async () => {
    const lines: string[] = [];
    graph = await startGraphHarness({
      // One token a second and no room to queue: of calls asked together, those past the bucket are refused at once.
      auth0: { rateLimit: 1, rateBurst: 2, maxQueueMs: 0 },
      deps: (sim) => ({ logger: createLogger(simulatorConfig(sim, { logLevel: 'info' }), collecting(lines)) }),
    });
    // Pages of different sizes: identical calls in flight together would share one upstream call.
    const roles = (first: number) => `{ roles(first: ${first}) { edges { node { name } } } }`;
    await graph.query(roles(10));
    const results = await Promise.all(Array.from({ length: 6 }, (_, index) => graph?.query(roles(index + 1))));
    const refused = results.filter((result) => result?.errors?.[0]?.extensions?.code === 'RATE_LIMITED');
    expect(refused.length).toBeGreaterThan(0);
    for (const result of refused) expect(result?.errors?.[0]?.extensions?.['retryAfter']).toEqual(expect.any(Number));

    const parsed = lines.map((line) => JSON.parse(line) as LogLine);
    const requestLines = parsed.filter((line) => line.msg === 'request');
    const refusedLines = requestLines.filter((line) => line.errors?.includes('RATE_LIMITED'));
    expect(refusedLines).toHaveLength(refused.length);
    for (const line of refusedLines) expect(line).toMatchObject({ level: 'info', retryAfter: expect.any(Number) });
    expect(parsed.filter((line) => line.level === 'error')).toEqual([]);
    for (const line of lines) {
      expect(line).not.toContain('"stack"');
      expect(line).not.toContain(INSTALL);
    }

    const metrics = await (await graph.app.fetch(new Request('http://graph.test/metrics'))).text();
    expect(metrics).toContain(`auth0_graph_rate_limit_refusals_total{lane="other",reason="queue"} ${refused.length}`);
    const calls = [...metrics.matchAll(/^auth0_graph_upstream_calls_total\{group="other",route="\/roles",status="(\d+)"\} (\d+)$/gm)];
    expect(calls.map(([, status, count]) => [status, Number(count)])).toEqual([['200', 1 + results.length - refused.length]]);
  });

  it('leave expected upstream failures at debug with their code, and unexpected errors at error with a stack free of install paths', () => {
    const lines: string[] = [];
    const logger = yogaLoggerOf(createLogger({ ...loggerConfig({ clientSecret: 'secret-value', apiKeys: [] }), logLevel: 'debug' }, collecting(lines)));
    const refusal = new Auth0Error('AUTH0_RATE_LIMITED', 'no room', { route: '/roles', retryAfterMs: 1_000 });
    logger.error(new GraphQLError('Auth0 rate limit reached; retry later', { originalError: new GraphQLError('wrapped', { originalError: refusal }) }));
    logger.error(new GraphQLError('Unexpected error.', { originalError: new TypeError('boom') }));
    const [expected, unexpected] = lines.map((line) => JSON.parse(line) as LogLine & { code?: string });
    expect(expected).toMatchObject({ level: 'debug', code: 'AUTH0_RATE_LIMITED' });
    expect(expected).not.toHaveProperty('err');
    expect(unexpected).toMatchObject({ level: 'error', msg: 'boom' });
    expect(unexpected?.err?.stack).toContain('test/integration/overload-refusals.test.ts');
    for (const line of lines) expect(line).not.toContain(INSTALL);
  });
});
