import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertCallerAuthentication, ConfigError, loadConfig } from '../../src/config.ts';

const SECRET = 'sEcReT-value-that-must-never-leak-123';
const BASE = { AUTH0_DOMAIN: 'acme.eu.auth0.com', AUTH0_CLIENT_ID: 'client-abc', AUTH0_CLIENT_SECRET: SECRET };

function load(env: Record<string, string | undefined>, argv: string[] = []) {
  return loadConfig({ env, argv });
}

function failure(env: Record<string, string | undefined>, argv: string[] = []): ConfigError {
  try {
    load(env, argv);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig defaults', () => {
  it('fills in safe defaults from a minimal environment', () => {
    const { config, warnings } = load(BASE);
    expect(warnings).toEqual([]);
    expect(config).toMatchObject({
      auth0: {
        domain: 'acme.eu.auth0.com',
        baseUrl: 'https://acme.eu.auth0.com',
        audience: 'https://acme.eu.auth0.com/api/v2/',
        credentials: { kind: 'client-credentials', clientId: 'client-abc', clientSecret: SECRET },
        plan: 'auto',
        rateLimit: undefined,
        rateBurst: undefined,
        upstreamConnections: undefined,
        maxQueueMs: 2_000,
      },
      callers: { apiKeys: [], jwt: undefined, allowAnonymous: false },
      cacheTtlSeconds: 5,
      timeoutMs: 10_000,
      maxUpstreamCalls: 1000,
      streamTimeoutMs: 300_000,
      streamMaxUpstreamCalls: 5000,
      persistedOperationsFile: undefined,
      redisUrl: undefined,
      replicas: 3,
      port: 4000,
      host: '0.0.0.0',
      logLevel: 'info',
    });
  });

  it('runs the change feed when the token allows it, every 5 s, keeping answers 10 minutes at most, receivers off', () => {
    expect(load(BASE).config.feed).toEqual({ mode: 'auto', intervalMs: 5_000, maxStalenessMs: 600_000, webhookToken: undefined });
    expect(load({ ...BASE, AUTH0_GRAPH_FEED: 'off' }, ['--feed-interval', '2']).config.feed).toMatchObject({ mode: 'off', intervalMs: 2_000 });
  });

  it('bounds queries by default and takes overrides', () => {
    expect(load(BASE).config.limits).toEqual({ maxDepth: 15, maxAliases: 100, maxDirectives: 50, maxTokens: 2000, maxOperations: 10, maxBodyBytes: 102_400 });
    expect(load({ ...BASE, AUTH0_GRAPH_MAX_DEPTH: '8' }, ['--max-body-bytes', '4096']).config.limits).toMatchObject({ maxDepth: 8, maxBodyBytes: 4096 });
  });

  it('is deep-frozen', () => {
    const { config } = load({ ...BASE, AUTH0_GRAPH_API_KEYS: 'k'.repeat(20) });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.auth0.credentials)).toBe(true);
    expect(Object.isFrozen(config.callers.apiKeys)).toBe(true);
  });

  it('treats empty variables as unset', () => {
    expect(load({ ...BASE, PORT: '', AUTH0_TOKEN: '  ' }).config.port).toBe(4000);
  });
});

describe('loadConfig accepts', () => {
  it.each([
    ['a static token', { AUTH0_DOMAIN: 'acme.auth0.com', AUTH0_TOKEN: SECRET }, (c: ReturnType<typeof load>['config']) => c.auth0.credentials.kind, 'token'],
    ['a custom domain', { ...BASE, AUTH0_DOMAIN: 'login.example.com' }, (c: ReturnType<typeof load>['config']) => c.auth0.domain, 'login.example.com'],
    ['an upper-case domain', { ...BASE, AUTH0_DOMAIN: 'ACME.us.auth0.com' }, (c: ReturnType<typeof load>['config']) => c.auth0.domain, 'acme.us.auth0.com'],
    ['localhost with a base URL', { ...BASE, AUTH0_DOMAIN: 'localhost', AUTH0_BASE_URL: 'http://127.0.0.1:8080/' }, (c: ReturnType<typeof load>['config']) => c.auth0.baseUrl, 'http://127.0.0.1:8080'],
    ['a plan', { ...BASE, AUTH0_PLAN: 'Enterprise' }, (c: ReturnType<typeof load>['config']) => c.auth0.plan, 'enterprise'],
    ['a socket pool', { ...BASE, AUTH0_GRAPH_UPSTREAM_CONNECTIONS: '64' }, (c: ReturnType<typeof load>['config']) => c.auth0.upstreamConnections, 64],
    ['a fractional rate', { ...BASE, AUTH0_RATE_LIMIT: '1.5' }, (c: ReturnType<typeof load>['config']) => c.auth0.rateLimit, 1.5],
    ['port 0 (any free port)', { ...BASE, PORT: '0' }, (c: ReturnType<typeof load>['config']) => c.port, 0],
    ['TTL 0 (cache off)', { ...BASE, AUTH0_GRAPH_CACHE_TTL: '0' }, (c: ReturnType<typeof load>['config']) => c.cacheTtlSeconds, 0],
    ['the default cache memory', BASE, (c: ReturnType<typeof load>['config']) => c.cacheMaxBytes, 96 * 2 ** 20],
    ['a cache memory budget in MiB', { ...BASE, AUTH0_GRAPH_CACHE_MAX_MB: '8' }, (c: ReturnType<typeof load>['config']) => c.cacheMaxBytes, 8 * 2 ** 20],
    ['an IPv6 host', { ...BASE, HOST: '::1' }, (c: ReturnType<typeof load>['config']) => c.host, '::1'],
    ['a redis URL', { ...BASE, REDIS_URL: 'redis://127.0.0.1:6379' }, (c: ReturnType<typeof load>['config']) => c.redisUrl, 'redis://127.0.0.1:6379'],
    ['yes as a boolean', { ...BASE, AUTH0_GRAPH_ALLOW_ANONYMOUS: 'yes' }, (c: ReturnType<typeof load>['config']) => c.callers.allowAnonymous, true],
  ])('%s', (_name, env, pick, expected) => {
    expect(pick(load(env).config)).toEqual(expected);
  });

  it('splits API keys and derives the JWKS URL from the issuer', () => {
    const { config } = load({
      ...BASE,
      AUTH0_GRAPH_API_KEYS: ` ${'a'.repeat(16)} ,${'b'.repeat(16)},`,
      AUTH0_GRAPH_JWT_ISSUER: 'https://issuer.example.com/',
      AUTH0_GRAPH_JWT_AUDIENCE: 'https://graph.example.com',
    });
    expect(config.callers.apiKeys).toEqual(['a'.repeat(16), 'b'.repeat(16)]);
    expect(config.callers.jwt).toEqual({
      issuer: 'https://issuer.example.com/',
      audience: 'https://graph.example.com',
      jwksUrl: 'https://issuer.example.com/.well-known/jwks.json',
    });
  });
});

describe('loadConfig warns', () => {
  it.each([
    ['https:// on the domain', { AUTH0_DOMAIN: 'https://acme.eu.auth0.com' }, /removed the leading https/],
    ['a trailing slash on the domain', { AUTH0_DOMAIN: 'acme.eu.auth0.com/' }, /removed the trailing \//],
    ['a rate above the plan', { AUTH0_PLAN: 'free', AUTH0_RATE_LIMIT: '5' }, /exceeds the free plan's 2\/s/],
    ['a rate above every plan', { AUTH0_RATE_LIMIT: '20' }, /exceeds the largest published plan's 16\/s/],
    ['anonymous on a public interface', { AUTH0_GRAPH_ALLOW_ANONYMOUS: 'true' }, /anonymous callers are allowed on 0\.0\.0\.0/],
    ['a long cache TTL', { AUTH0_GRAPH_CACHE_TTL: '600' }, /minutes stale/],
    ['plain http to a remote base URL', { AUTH0_BASE_URL: 'http://proxy.example.com' }, /unencrypted/],
    ['a misspelt setting', { AUTH0_GRAPH_CACHE_TLL: '5' }, /AUTH0_GRAPH_CACHE_TLL is not a setting/],
  ])('about %s', (_name, env, pattern) => {
    const { config, warnings } = load({ ...BASE, ...env });
    expect(warnings.join('\n')).toMatch(pattern);
    expect(config.auth0.domain).toBe('acme.eu.auth0.com');
  });
});

describe('loadConfig rejects', () => {
  it.each([
    ['a missing domain', { AUTH0_DOMAIN: undefined }, 'AUTH0_DOMAIN', /is required/],
    ['a domain with a path', { AUTH0_DOMAIN: 'acme.eu.auth0.com/api/v2' }, 'AUTH0_DOMAIN', /has a path/],
    ['a domain with a port', { AUTH0_DOMAIN: 'acme.eu.auth0.com:443' }, 'AUTH0_DOMAIN', /has a port/],
    ['an http:// domain', { AUTH0_DOMAIN: 'http://acme.eu.auth0.com' }, 'AUTH0_DOMAIN', /AUTH0_BASE_URL/],
    ['a domain that is not a hostname', { AUTH0_DOMAIN: 'acme_tenant.auth0.com' }, 'AUTH0_DOMAIN', /not a valid hostname/],
    ['a too-short tenant name', { AUTH0_DOMAIN: 'ab.eu.auth0.com' }, 'AUTH0_DOMAIN', /3–63/],
    ['a single-label domain without a base URL', { AUTH0_DOMAIN: 'localhost' }, 'AUTH0_DOMAIN', /AUTH0_BASE_URL/],
    ['no credentials', { AUTH0_CLIENT_ID: undefined, AUTH0_CLIENT_SECRET: undefined }, 'AUTH0_CLIENT_ID', /no Management API credentials/],
    ['a client id without its secret', { AUTH0_CLIENT_SECRET: undefined }, 'AUTH0_CLIENT_SECRET', /is missing/],
    ['a secret without its client id', { AUTH0_CLIENT_ID: undefined }, 'AUTH0_CLIENT_ID', /is missing/],
    ['both a token and a client pair', { AUTH0_TOKEN: SECRET }, 'AUTH0_TOKEN', /not both/],
    ['a non-numeric port', { PORT: 'http' }, 'PORT', /whole number/],
    ['an out-of-range port', { PORT: '70000' }, 'PORT', /0 to 65535/],
    ['a negative TTL', { AUTH0_GRAPH_CACHE_TTL: '-1' }, 'AUTH0_GRAPH_CACHE_TTL', /whole number/],
    ['an unknown feed', { AUTH0_GRAPH_FEED: 'events' }, 'AUTH0_GRAPH_FEED', /one of logs, off/],
    ['a staleness bound under two polls', { AUTH0_GRAPH_FEED_INTERVAL: '10', AUTH0_GRAPH_MAX_STALENESS: '15' }, 'AUTH0_GRAPH_MAX_STALENESS', /twice/],
    ['a short webhook token', { AUTH0_GRAPH_WEBHOOK_TOKEN: 'short' }, 'AUTH0_GRAPH_WEBHOOK_TOKEN', /16 characters/],
    ['cache memory given with a unit', { AUTH0_GRAPH_CACHE_MAX_MB: '64MB' }, 'AUTH0_GRAPH_CACHE_MAX_MB', /whole number from 1 to 65536/],
    ['a non-numeric timeout', { AUTH0_GRAPH_TIMEOUT_MS: '10s' }, 'AUTH0_GRAPH_TIMEOUT_MS', /whole number/],
    ['a zero upstream budget', { AUTH0_GRAPH_MAX_UPSTREAM_CALLS: '0' }, 'AUTH0_GRAPH_MAX_UPSTREAM_CALLS', /1 to 10000/],
    ['a depth limit too small to query anything', { AUTH0_GRAPH_MAX_DEPTH: '1' }, 'AUTH0_GRAPH_MAX_DEPTH', /2 to 100/],
    ['a non-numeric body limit', { AUTH0_GRAPH_MAX_BODY_BYTES: '1MB' }, 'AUTH0_GRAPH_MAX_BODY_BYTES', /whole number/],
    ['an unknown plan', { AUTH0_PLAN: 'gold' }, 'AUTH0_PLAN', /auto, free, essentials, professional, enterprise/],
    ['a non-numeric rate', { AUTH0_RATE_LIMIT: 'fast' }, 'AUTH0_RATE_LIMIT', /number/],
    ['a fractional burst', { AUTH0_RATE_BURST: '2.5' }, 'AUTH0_RATE_BURST', /whole number/],
    ['no upstream connections', { AUTH0_GRAPH_UPSTREAM_CONNECTIONS: '0' }, 'AUTH0_GRAPH_UPSTREAM_CONNECTIONS', /whole number from 1 to 1000/],
    ['a base URL that is not a URL', { AUTH0_BASE_URL: 'simulator' }, 'AUTH0_BASE_URL', /not a URL/],
    ['a base URL with a path', { AUTH0_BASE_URL: 'https://proxy.example.com/api/v2' }, 'AUTH0_BASE_URL', /no path/],
    ['a base URL with another scheme', { AUTH0_BASE_URL: 'ftp://proxy.example.com' }, 'AUTH0_BASE_URL', /https:\/\//],
    ['an audience that is not a URL', { AUTH0_AUDIENCE: 'management' }, 'AUTH0_AUDIENCE', /must be a URL/],
    ['a JWT issuer without audience', { AUTH0_GRAPH_JWT_ISSUER: 'https://issuer.example.com/' }, 'AUTH0_GRAPH_JWT_ISSUER', /AUTH0_GRAPH_JWT_AUDIENCE/],
    ['a JWT audience without issuer', { AUTH0_GRAPH_JWT_AUDIENCE: 'https://graph' }, 'AUTH0_GRAPH_JWT_AUDIENCE', /ISSUER/],
    ['a JWKS URL without issuer', { AUTH0_GRAPH_JWKS_URL: 'https://x/jwks.json' }, 'AUTH0_GRAPH_JWKS_URL', /ISSUER/],
    ['an issuer that is not a URL', { AUTH0_GRAPH_JWT_ISSUER: 'acme', AUTH0_GRAPH_JWT_AUDIENCE: 'x' }, 'AUTH0_GRAPH_JWT_ISSUER', /must be a URL/],
    ['a bad boolean', { AUTH0_GRAPH_ALLOW_ANONYMOUS: 'maybe' }, 'AUTH0_GRAPH_ALLOW_ANONYMOUS', /true or false/],
    ['an unknown log level', { AUTH0_GRAPH_LOG_LEVEL: 'verbose' }, 'AUTH0_GRAPH_LOG_LEVEL', /one of/],
    ['a bad host', { HOST: 'my host' }, 'HOST', /not an IP address or hostname/],
    ['a missing persisted-operations file', { AUTH0_GRAPH_PERSISTED_OPERATIONS: '/nonexistent/ops.json' }, 'AUTH0_GRAPH_PERSISTED_OPERATIONS', /no file/],
  ])('%s', (_name, env, setting, pattern) => {
    const error = failure({ ...BASE, ...env });
    expect(error.setting).toBe(setting);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(pattern);
    expect(error.message.startsWith(`${setting}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it.each([
    ['a short API key', { AUTH0_GRAPH_API_KEYS: 'short-key' }, 'short-key'],
    ['a redis URL with a password in another scheme', { REDIS_URL: 'http://user:hunter2-secret@redis:6379' }, 'hunter2-secret'],
    ['a malformed redis URL', { REDIS_URL: 'not a url hunter2-secret' }, 'hunter2-secret'],
    ['a base URL with credentials', { AUTH0_BASE_URL: 'https://user:hunter2-secret@proxy.example.com' }, 'hunter2-secret'],
    ['a token alongside a client pair', { AUTH0_TOKEN: 'hunter2-secret' }, 'hunter2-secret'],
  ])('%s without echoing the secret', (_name, env, secret) => {
    const error = failure({ ...BASE, ...env });
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain(SECRET);
  });
});

describe('flags and config file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auth0-graph-config-'));

  it('flags override the environment, in both --flag value and --flag=value form', () => {
    const { config } = load({ ...BASE, PORT: '5000', AUTH0_PLAN: 'free' }, ['--port', '6000', '--plan=essentials', '--allow-anonymous', '--host', '127.0.0.1']);
    expect(config.port).toBe(6000);
    expect(config.auth0.plan).toBe('essentials');
    expect(config.callers.allowAnonymous).toBe(true);
    expect(config.host).toBe('127.0.0.1');
  });

  it('reads a JSON file keyed by env names, which the environment and flags override', () => {
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ ...BASE, PORT: 7000, AUTH0_GRAPH_CACHE_TTL: 9, AUTH0_GRAPH_API_KEYS: ['k'.repeat(16)], AUTH0_PLAN: 'enterprise' }));
    const { config } = load({ PORT: '7100' }, ['--config', file, '--cache-ttl', '2']);
    expect(config.port).toBe(7100);
    expect(config.cacheTtlSeconds).toBe(2);
    expect(config.auth0.plan).toBe('enterprise');
    expect(config.callers.apiKeys).toEqual(['k'.repeat(16)]);
  });

  it.each([
    ['an unknown flag', ['--prot', '1'], '--prot', /unknown option/],
    ['a flag without its value', ['--port'], '--port', /needs a value/],
    ['a secret as a flag', ['--client-secret', 'x'], '--client-secret', /unknown option/],
    ['a missing config file', ['--config', '/nonexistent/auth0-graph.json'], '--config', /cannot be read/],
  ])('rejects %s', (_name, argv, setting, pattern) => {
    const error = failure(BASE, argv);
    expect(error.setting).toBe(setting);
    expect(error.message).toMatch(pattern);
  });

  it.each([
    ['invalid JSON', '{"AUTH0_DOMAIN": ', /not valid JSON/],
    ['an array', '[1,2]', /JSON object/],
    ['an unknown key', '{"AUTH0_DOMAN": "acme.auth0.com"}', /unknown key AUTH0_DOMAN/],
  ])('rejects a config file with %s', (_name, text, pattern) => {
    const file = join(dir, `bad-${_name.replace(/\W/g, '')}.json`);
    writeFileSync(file, text);
    expect(failure(BASE, ['--config', file]).message).toMatch(pattern);
  });
});

describe('assertCallerAuthentication', () => {
  it.each([
    ['API keys', { AUTH0_GRAPH_API_KEYS: 'k'.repeat(16) }, true],
    ['a JWT issuer', { AUTH0_GRAPH_JWT_ISSUER: 'https://i.example.com/', AUTH0_GRAPH_JWT_AUDIENCE: 'a' }, true],
    ['explicit anonymous access', { AUTH0_GRAPH_ALLOW_ANONYMOUS: 'true' }, true],
    ['nothing', {}, false],
  ])('with %s passes: %s', (_name, env, passes) => {
    const { config } = load({ ...BASE, ...env });
    if (passes) expect(() => assertCallerAuthentication(config)).not.toThrow();
    else expect(() => assertCallerAuthentication(config)).toThrow(/no caller authentication/);
  });
});
