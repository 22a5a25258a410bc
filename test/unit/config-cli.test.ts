import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { describeListenError } from '../../src/cli/listen-error.ts';
import { assertOnlyFlags, parseWholeNumber, takeOptions } from '../../src/cli/options.ts';
import { ConfigError } from '../../src/config.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => void out.push(line), err: (line: string) => void err.push(line) }, out, err };
}

describe('main dispatch', () => {
  it.each([
    [[], 0, 'out', /Commands:/],
    [['--help'], 0, 'out', /Commands:/],
    [['help'], 0, 'out', /Commands:/],
    [['help', 'simulator'], 0, 'out', /--latency-ms/],
    [['help', 'simulator'], 0, 'out', /--scale <size> +tenant size: small .*\| medium .*\| large /],
    [['simulator', '--scale', 'huge'], 2, 'err', /--scale: must be one of small, medium, large, got 'huge'/],
    [['demo', '--help'], 0, 'out', /--seed/],
    [['demo', '--help'], 0, 'out', /--activity <on\|off> +simulated users log in/],
    [['help', 'simulator'], 0, 'out', /--event-stream <url>/],
    [['simulator', '--activity', 'maybe'], 2, 'err', /--activity: must be on or off, got 'maybe'/],
    [['demo', '--activity', 'sometimes'], 2, 'err', /--activity: must be on or off, got 'sometimes'/],
    [['help', 'nope'], 2, 'err', /no help for 'nope'/],
    [['nope'], 2, 'err', /unknown command 'nope'/],
    [['schema', '--pretty'], 2, 'err', /--pretty: is not an option of `auth0-graph schema`/],
  ] as const)('%j exits %i', async (argv, code, stream, pattern) => {
    const { io, out, err } = capture();
    expect(await main([...argv], io, {})).toBe(code);
    expect((stream === 'out' ? out : err).join('\n')).toMatch(pattern);
  });

  it('reports a configuration error as one line with exit code 2, without the secret', async () => {
    const { io, out, err } = capture();
    const env = { AUTH0_DOMAIN: 'acme.eu.auth0.com/', AUTH0_TOKEN: 'tok-secret-value', AUTH0_CLIENT_ID: 'x' };
    expect(await main(['serve'], io, env)).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual(['auth0-graph serve: AUTH0_TOKEN: set either AUTH0_TOKEN or AUTH0_CLIENT_ID + AUTH0_CLIENT_SECRET, not both']);
  });
});

describe('takeOptions', () => {
  it.each([
    [['--seed', '7', '--port', '0'], { '--seed': '7' }, ['--port', '0']],
    [['--seed=7', '--cache-ttl=2'], { '--seed': '7' }, ['--cache-ttl=2']],
    [[], {}, []],
  ])('splits %j', (argv, taken, rest) => {
    expect(takeOptions(argv, ['--seed'])).toEqual({ taken, rest });
  });

  it('needs a value', () => {
    expect(() => takeOptions(['--seed'], ['--seed'])).toThrow(ConfigError);
    expect(() => takeOptions(['--seed', '--port'], ['--seed'])).toThrow(/needs a value/);
  });
});

describe('parseWholeNumber and assertOnlyFlags', () => {
  it.each([
    ['7', 7],
    [undefined, undefined],
  ])('parses %j', (raw, value) => {
    expect(parseWholeNumber('--seed', raw)).toBe(value);
  });

  it.each(['-1', '1.5', 'x', '70000'])('rejects %j', (raw) => {
    expect(() => parseWholeNumber('--port', raw, 65535)).toThrow(/--port: must be a whole number/);
  });

  it('lets listed flags and values through and names the first unknown flag', () => {
    expect(() => assertOnlyFlags(['--port', '0', '--log-level=debug'], ['--port', '--log-level'], 'demo')).not.toThrow();
    expect(() => assertOnlyFlags(['--port', '0', '--host=0.0.0.0'], ['--port'], 'demo')).toThrow(/^--host: is not an option of `auth0-graph demo`/);
  });
});

describe('describeListenError', () => {
  const errno = (code: string) => Object.assign(new Error(code), { code });

  it.each([
    ['EADDRINUSE', /port 4000 on 127\.0\.0\.1 is already in use/],
    ['EACCES', /use a port above 1023/],
    ['EADDRNOTAVAIL', /127\.0\.0\.1 is not an address of this machine/],
  ])('explains %s', (code, pattern) => {
    expect(describeListenError(errno(code), '127.0.0.1', 4000)).toMatch(pattern);
  });

  it('leaves other failures to the caller', () => {
    expect(describeListenError(errno('ECONNRESET'), '127.0.0.1', 4000)).toBeUndefined();
    expect(describeListenError('boom', '127.0.0.1', 4000)).toBeUndefined();
  });
});
