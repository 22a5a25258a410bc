import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, isoTimestamp } from '../../src/observability/logger.ts';
import { createPathScrubber } from '../../src/observability/scrub-paths.ts';
import { createScrubber } from '../../src/observability/scrub-text.ts';
import { loggerConfig } from '../helpers/logger-config.ts';

const CLIENT_SECRET = 'sEcReT-0123456789abcdef"quoted';
const API_KEY = 'k_live_abcdef123456';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

const config = loggerConfig({ clientSecret: CLIENT_SECRET, apiKeys: [API_KEY] });

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter((l) => l.length > 0));
      callback();
    },
  });
  return { lines, logger: createLogger(config, destination) };
}

describe('createScrubber', () => {
  it.each([
    ['an email', 'member chuck938@example.com joined', 'member [REDACTED EMAIL] joined'],
    ['a JWT', `token ${JWT} rejected`, 'token [REDACTED JWT] rejected'],
    ['a bearer header', 'Authorization: Bearer opaque.tok3n', 'Authorization: Bearer [REDACTED]'],
    ['a form secret', 'grant_type=client_credentials&client_secret=abc123&x=1', 'grant_type=client_credentials&client_secret=[REDACTED]&x=1'],
    ['a JSON token', '{"access_token":"abc","scope":"read:users"}', '{"access_token":"[REDACTED]","scope":"read:users"}'],
    ['a PEM key', 'key -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- end', 'key [REDACTED KEY] end'],
    ['a known secret', 'failed with k_live_abcdef123456!', 'failed with [REDACTED]!'],
  ])('removes %s', (_label, input, expected) => {
    expect(createScrubber([API_KEY])(input)).toBe(expected);
  });

  it('leaves ids, routes and machine subjects alone', () => {
    const text = 'GET /users/{id} for auth0|63d1 by dashboard@clients in org_OVCz';
    expect(createScrubber([API_KEY])(text)).toBe(text);
  });
});

describe('createPathScrubber', () => {
  const scrub = createPathScrubber('/srv/app/auth0-graph');
  it.each([
    ['a frame of the package', 'at run (/srv/app/auth0-graph/src/server.ts:12:3)', 'at run (src/server.ts:12:3)'],
    ['a file URL of the package', 'at file:///srv/app/auth0-graph/src/cli.ts:4:1', 'at src/cli.ts:4:1'],
    ['a dependency linked from elsewhere', 'at parse (/opt/shared/node_modules/graphql/language/parser.js:1:1)', 'at parse (node_modules/graphql/language/parser.js:1:1)'],
    ['a nested dependency', 'at x (/srv/app/auth0-graph/node_modules/a/node_modules/b/i.js:1:1)', 'at x (node_modules/a/node_modules/b/i.js:1:1)'],
  ])('makes %s relative', (_name, frame, expected) => {
    expect(scrub(frame)).toBe(expected);
  });

  it('leaves request paths and routes alone', () => {
    const line = '{"path":"/graphql","route":"/organizations/{id}/members"}';
    expect(scrub(line)).toBe(line);
  });
});

describe('createLogger', () => {
  it('writes JSON lines with the level label and the service', () => {
    const { lines, logger } = capture();
    logger.info({ requestId: 'r-1' }, 'served');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 'info', service: 'auth0-graph', requestId: 'r-1', msg: 'served' });
  });

  it('never prints the configured secrets, tokens or emails, wherever they hide', () => {
    const { lines, logger } = capture();
    logger.info({ headers: { authorization: `Bearer ${JWT}`, 'x-api-key': API_KEY } }, 'request');
    logger.info({ user: { email: 'ana@example.org', name: 'Ana' } }, 'user');
    logger.error({ err: new Error(`token endpoint said no to ${CLIENT_SECRET}`) }, `failed for ana@example.org with ${API_KEY}`);
    logger.warn({ detail: { nested: [`client_secret=${CLIENT_SECRET}`] } }, 'nested');
    const all = lines.join('\n');
    expect(lines).toHaveLength(4);
    for (const leaked of [CLIENT_SECRET, JSON.stringify(CLIENT_SECRET).slice(1, -1), API_KEY, JWT, 'ana@example.org']) {
      expect(all).not.toContain(leaked);
    }
    expect(JSON.parse(lines[1] ?? '{}')).toMatchObject({ user: { email: '[REDACTED]', name: 'Ana' } });
    expect(JSON.parse(lines[2] ?? '{}').err.message).toBe('token endpoint said no to [REDACTED]');
  });
});

describe('isoTimestamp', () => {
  it('writes what pino\'s isoTime writes, within a second and across seconds, minutes and years', () => {
    let now = 0;
    const stamp = isoTimestamp(() => now);
    const times = [0, 7, 999, 1_000, 1_001, 59_999, 60_000, 1_764_770_449_123, 1_764_770_449_124, 1_764_770_450_000, 1_798_761_599_999, 1_798_761_600_000];
    for (const time of times) {
      now = time;
      expect(stamp()).toBe(`,"time":"${new Date(time).toISOString()}"`);
    }
  });
});
