/**
 * The only reader of the environment. Turns env vars, an optional JSON file and command-line flags
 * into one validated, deep-frozen `Config`, failing fast with a one-line `ConfigError` that names
 * the setting and the fix. Values of secret settings never appear in messages or warnings.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { RATE_LIMIT_PRESETS } from './auth0/rate-limit/presets.ts';
import type { Auth0Credentials, Auth0Settings, CallerAuthSettings, Config, FeedSettings, Plan, QueryLimits, TracingSettings } from './config-types.ts';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
  /** The env var (or flag) at fault, so callers can point at it without parsing the message. */
  readonly setting: string;

  constructor(setting: string, problem: string) {
    super(`${setting}: ${problem}`);
    this.setting = setting;
  }
}

export interface SettingSpec {
  readonly env: string;
  /** Command-line flag of the same meaning; secrets have none, so they never show up in `ps`. */
  readonly flag?: string;
  readonly boolean?: boolean;
  readonly secret?: boolean;
  /**
   * The value an absent setting takes, written as a user would write it. Parsing reads it like a given value,
   * and help and the README show it: this is the default's only home.
   */
  readonly default?: string;
  /** A default computed from other settings, as help shows it (parsing derives it). */
  readonly derivedDefault?: string;
  /** Help and the README say so; parsing refuses to start without it. */
  readonly required?: boolean;
  readonly help: string;
}

/** Every setting, in help order. `--config <file.json>` may hold any of them, keyed by env name. */
export const SETTINGS: readonly SettingSpec[] = [
  { env: 'AUTH0_DOMAIN', flag: '--domain', required: true, help: 'tenant host, e.g. acme.eu.auth0.com' },
  { env: 'AUTH0_CLIENT_ID', help: 'M2M application client id (client-credentials tokens)' },
  { env: 'AUTH0_CLIENT_SECRET', secret: true, help: 'M2M application client secret' },
  { env: 'AUTH0_TOKEN', secret: true, help: 'a static Management API token instead of a client id/secret' },
  { env: 'AUTH0_AUDIENCE', flag: '--audience', derivedDefault: 'https://{domain}/api/v2/', help: 'token audience' },
  { env: 'AUTH0_BASE_URL', flag: '--base-url', derivedDefault: 'https://{domain}', help: 'scheme+host for API and token calls (simulator, proxy)' },
  // Learned from the headers, starting at the smallest plan's pace: never a storm of 429s on a small tenant, never stuck slow on a big one.
  { env: 'AUTH0_PLAN', flag: '--plan', default: 'auto', help: 'rate limits: auto (learned from the response headers) or a ceiling: free | essentials | professional | enterprise' },
  { env: 'AUTH0_RATE_LIMIT', flag: '--rate-limit', derivedDefault: 'plan', help: 'global Management API requests per second, overriding the plan' },
  { env: 'AUTH0_RATE_BURST', flag: '--rate-burst', derivedDefault: 'plan', help: 'global burst size, overriding the plan' },
  // Enough sockets for every call the budget can grant at once (src/auth0/pool-size.ts); set it to cap them.
  { env: 'AUTH0_GRAPH_UPSTREAM_CONNECTIONS', flag: '--upstream-connections', derivedDefault: 'plan', help: 'sockets to the Management API, overriding the size the plan\'s bursts give' },
  // Past this wait a caller learns retryAfter at once instead of spending most of its deadline in the queue.
  { env: 'AUTH0_GRAPH_MAX_QUEUE_MS', flag: '--max-queue-ms', default: '2000', help: 'longest a call waits for the rate budget behind other requests, in ms' },
  { env: 'AUTH0_GRAPH_CACHE_TTL', flag: '--cache-ttl', default: '5', help: 'shared cache TTL in seconds, 0 disables' },
  // Two thirds for upstream bodies, one third for whole answers (splitCacheBudget).
  { env: 'AUTH0_GRAPH_CACHE_MAX_MB', flag: '--cache-max-mb', default: '96', help: 'memory for both caches in MiB, upstream bodies and whole answers' },
  { env: 'AUTH0_GRAPH_TIMEOUT_MS', flag: '--timeout-ms', default: '10000', help: 'per-request deadline in ms' },
  // Time is the usual limit (calls the rate budget cannot grant before the deadline are refused); this cap bounds abuse.
  { env: 'AUTH0_GRAPH_MAX_UPSTREAM_CALLS', flag: '--max-upstream-calls', default: '1000', help: 'cost budget per GraphQL request' },
  // A streamed seats view of 1,000 organizations is ~1,010 calls; at a paid tenant's ~8/s that is two minutes.
  { env: 'AUTH0_GRAPH_STREAM_TIMEOUT_MS', flag: '--stream-timeout-ms', default: '300000', help: 'deadline in ms of an operation using @stream or @defer' },
  { env: 'AUTH0_GRAPH_STREAM_MAX_UPSTREAM_CALLS', flag: '--stream-max-upstream-calls', default: '5000', help: 'cost budget of an operation using @stream or @defer' },
  // Each open live query holds a connection and, when the tenant changes, a re-run; this bounds both per process.
  { env: 'AUTH0_GRAPH_LIVE_MAX_QUERIES', flag: '--live-max-queries', default: '1000', help: 'open @live queries per process, 0 refuses them all' },
  // The deepest useful query (organizations → members → user → roles → permissions, through edges/node) has 14 levels.
  { env: 'AUTH0_GRAPH_MAX_DEPTH', flag: '--max-depth', default: '15', help: 'deepest field nesting a query may have' },
  // Enrichment asks for many users as aliases of `user(userId:)`; 100 fill one user search batch.
  { env: 'AUTH0_GRAPH_MAX_ALIASES', flag: '--max-aliases', default: '100', help: 'aliases per query' },
  { env: 'AUTH0_GRAPH_MAX_DIRECTIVES', flag: '--max-directives', default: '50', help: 'directives per query' },
  // Bounds the parser's work before anything else looks at the document.
  { env: 'AUTH0_GRAPH_MAX_TOKENS', flag: '--max-tokens', default: '2000', help: 'lexical tokens per query document' },
  { env: 'AUTH0_GRAPH_MAX_OPERATIONS', flag: '--max-operations', default: '10', help: 'operations per query document' },
  { env: 'AUTH0_GRAPH_MAX_BODY_BYTES', flag: '--max-body-bytes', default: '102400', help: 'largest request body in bytes' },
  { env: 'AUTH0_GRAPH_API_KEYS', secret: true, help: 'comma-separated API keys callers may present (16+ chars each)' },
  { env: 'AUTH0_GRAPH_JWT_ISSUER', flag: '--jwt-issuer', help: 'accept caller JWTs from this issuer (needs the audience)' },
  { env: 'AUTH0_GRAPH_JWT_AUDIENCE', flag: '--jwt-audience', help: 'audience caller JWTs must carry' },
  { env: 'AUTH0_GRAPH_JWKS_URL', flag: '--jwks-url', derivedDefault: '{issuer}/.well-known/jwks.json', help: 'JWKS location' },
  { env: 'AUTH0_GRAPH_ALLOW_ANONYMOUS', flag: '--allow-anonymous', boolean: true, default: 'false', help: 'serve callers without credentials' },
  { env: 'AUTH0_GRAPH_PERSISTED_OPERATIONS', flag: '--persisted-operations', help: 'trusted-documents JSON file; only listed operations run' },
  { env: 'AUTH0_GRAPH_LOG_LEVEL', flag: '--log-level', default: 'info', help: 'fatal | error | warn | info | debug | silent' },
  // Polling needs read:logs; without it the feed is off and the plain TTL applies (docs/design.md#answers-kept-until-they-change).
  { env: 'AUTH0_GRAPH_FEED', flag: '--feed', derivedDefault: 'logs with read:logs, else off', help: 'change feed: logs (poll the tenant logs) | off' },
  // One call per interval in the lowest priority: 12 a minute, far below any plan's logs budget.
  { env: 'AUTH0_GRAPH_FEED_INTERVAL', flag: '--feed-interval', default: '5', help: 'seconds between polls of the tenant logs' },
  // Log entries usually arrive within seconds; ten minutes bounds an answer when the feed misses a change.
  { env: 'AUTH0_GRAPH_MAX_STALENESS', flag: '--max-staleness', default: '600', help: 'longest an answer is kept while the change feed is healthy, in seconds' },
  { env: 'AUTH0_GRAPH_WEBHOOK_TOKEN', secret: true, help: 'bearer token Log Streams and Event Streams deliveries must carry; unset, the receivers are off' },
  { env: 'REDIS_URL', secret: true, help: 'redis:// URL to share the rate budget and cache between replicas' },
  // Only read while Redis is down before any replica was counted there: each paces at the tenant's rate divided by it.
  { env: 'AUTH0_GRAPH_REPLICAS', flag: '--replicas', default: '3', help: 'replicas sharing REDIS_URL assumed when Redis cannot count them' },
  { env: 'OTEL_EXPORTER_OTLP_ENDPOINT', flag: '--otlp-endpoint', help: 'OTLP/HTTP collector base URL; traces go to {url}/v1/traces; unset, no traces are made' },
  { env: 'OTEL_SERVICE_NAME', flag: '--service-name', default: 'auth0-graph', help: 'service.name on exported traces' },
  { env: 'PORT', flag: '--port', default: '4000', help: 'port to listen on, 0 for any free port' },
  { env: 'HOST', flag: '--host', default: '0.0.0.0', help: 'interface to listen on' },
];

/** A setting's help line as `help` and the usage pages print it: its text, then its default. */
export function settingHelp(spec: SettingSpec): string {
  if (spec.required === true) return `${spec.help} (required)`;
  const shown = spec.default ?? spec.derivedDefault;
  return shown === undefined ? spec.help : `${spec.help} (default ${shown})`;
}

/** Values of the settings that have one, for the layer below files, env and flags. */
const DEFAULTS: Readonly<Record<string, string>> = Object.fromEntries(
  SETTINGS.flatMap((spec) => (spec.default === undefined ? [] : [[spec.env, spec.default] as const])),
);

const PLANS: readonly Plan[] = ['auto', 'free', 'essentials', 'professional', 'enterprise'];
const LOG_LEVELS: readonly Config['logLevel'][] = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'];
const MIN_API_KEY_LENGTH = 16;

/** A snapshot of the process environment, for the CLI (which may not read `process.env` itself). */
export function readEnvironment(): Readonly<Record<string, string | undefined>> {
  return Object.freeze({ ...process.env });
}

export function loadConfig(input: {
  env: Readonly<Record<string, string | undefined>>;
  argv?: readonly string[];
}): { config: Config; warnings: string[] } {
  const warnings: string[] = [];
  const { values: flagValues, configFile } = parseFlags(input.argv ?? []);
  const fileValues = configFile === undefined ? {} : readConfigFile(configFile);
  const envValues: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.env)) {
    if (value !== undefined && value.trim() !== '') envValues[name] = value.trim();
  }
  for (const name of Object.keys(envValues)) {
    if (name.startsWith('AUTH0_GRAPH_') && !SETTINGS.some((s) => s.env === name)) {
      warnings.push(`${name} is not a setting auth0-graph knows; check its spelling`);
    }
  }
  const values: Settings = { ...DEFAULTS, ...fileValues, ...envValues, ...flagValues };

  const auth0 = readAuth0(values, warnings);
  const port = readInteger(values, 'PORT', 0, 65535);
  const host = readHost(values);
  const callers = readCallers(values, host, warnings);
  const cacheTtlSeconds = readInteger(values, 'AUTH0_GRAPH_CACHE_TTL', 0, 86_400);
  if (cacheTtlSeconds > 300) {
    warnings.push(`AUTH0_GRAPH_CACHE_TTL is ${cacheTtlSeconds}s; answers may be minutes stale`);
  }
  const persistedOperationsFile = values['AUTH0_GRAPH_PERSISTED_OPERATIONS'];
  if (persistedOperationsFile !== undefined && !existsSync(persistedOperationsFile)) {
    throw new ConfigError('AUTH0_GRAPH_PERSISTED_OPERATIONS', `no file at ${persistedOperationsFile}; point it at a trusted-documents JSON file`);
  }
  const config: Config = {
    auth0,
    callers,
    cacheTtlSeconds,
    cacheMaxBytes: readInteger(values, 'AUTH0_GRAPH_CACHE_MAX_MB', 1, 65_536) * 2 ** 20,
    timeoutMs: readInteger(values, 'AUTH0_GRAPH_TIMEOUT_MS', 100, 300_000),
    maxUpstreamCalls: readInteger(values, 'AUTH0_GRAPH_MAX_UPSTREAM_CALLS', 1, 10_000),
    streamTimeoutMs: readInteger(values, 'AUTH0_GRAPH_STREAM_TIMEOUT_MS', 100, 3_600_000),
    streamMaxUpstreamCalls: readInteger(values, 'AUTH0_GRAPH_STREAM_MAX_UPSTREAM_CALLS', 1, 100_000),
    liveMaxQueries: readInteger(values, 'AUTH0_GRAPH_LIVE_MAX_QUERIES', 0, 100_000),
    limits: readLimits(values),
    persistedOperationsFile,
    redisUrl: readRedisUrl(values),
    replicas: readInteger(values, 'AUTH0_GRAPH_REPLICAS', 1, 1_000),
    feed: readFeed(values),
    tracing: readTracing(values),
    port,
    host,
    logLevel: readChoice(values, 'AUTH0_GRAPH_LOG_LEVEL', LOG_LEVELS),
  };
  return { config: deepFreeze(config), warnings };
}

/** `serve` exposes personal data, so it needs a way to authenticate callers or an explicit opt-out. */
export function assertCallerAuthentication(config: Config): void {
  const { apiKeys, jwt, allowAnonymous } = config.callers;
  if (apiKeys.length === 0 && jwt === undefined && !allowAnonymous) {
    throw new ConfigError(
      'AUTH0_GRAPH_API_KEYS',
      'no caller authentication; set AUTH0_GRAPH_API_KEYS or AUTH0_GRAPH_JWT_ISSUER + AUTH0_GRAPH_JWT_AUDIENCE, or AUTH0_GRAPH_ALLOW_ANONYMOUS=true on a private network',
    );
  }
}

type Settings = Record<string, string>;

function parseFlags(argv: readonly string[]): { values: Settings; configFile: string | undefined } {
  const values: Settings = {};
  let configFile: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    if (flag === '--config') {
      configFile = inline ?? argv[(i += 1)];
      if (configFile === undefined) throw new ConfigError('--config', 'needs a file path');
      continue;
    }
    const spec = SETTINGS.find((s) => s.flag === flag);
    if (spec === undefined) {
      throw new ConfigError(flag, 'unknown option; run `auth0-graph help` for the list');
    }
    if (spec.boolean === true) {
      values[spec.env] = inline ?? 'true';
      continue;
    }
    const value = inline ?? argv[(i += 1)];
    if (value === undefined || value.startsWith('--')) throw new ConfigError(flag, 'needs a value');
    values[spec.env] = value;
  }
  return { values, configFile };
}

const configFileSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]));

function readConfigFile(path: string): Settings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read';
    throw new ConfigError('--config', `${path} ${reason}; give a JSON object keyed by env var names`);
  }
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError('--config', `${path} must be a JSON object of strings, numbers, booleans or string arrays`);
  }
  const values: Settings = {};
  for (const [key, value] of Object.entries(parsed.data)) {
    if (!SETTINGS.some((s) => s.env === key)) {
      throw new ConfigError('--config', `${path} has unknown key ${key}; keys are env var names such as AUTH0_DOMAIN`);
    }
    values[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return values;
}

function readAuth0(values: Settings, warnings: string[]): Auth0Settings {
  const baseUrlRaw = values['AUTH0_BASE_URL'];
  const baseUrl = baseUrlRaw === undefined ? undefined : readBaseUrl(baseUrlRaw, warnings);
  const domain = readDomain(values['AUTH0_DOMAIN'], baseUrl !== undefined, warnings);
  const plan = readChoice(values, 'AUTH0_PLAN', PLANS);
  const rateLimit = readOptionalNumber(values, 'AUTH0_RATE_LIMIT', 0.01, 10_000);
  const rateBurst = readOptionalNumber(values, 'AUTH0_RATE_BURST', 1, 10_000, true);
  // Presets live beside the limiter that enforces them (src/auth0/rate-limit/presets.ts).
  const planGlobal = RATE_LIMIT_PRESETS[plan].global;
  if (rateLimit !== undefined && planGlobal !== undefined && rateLimit > planGlobal.perSecond) {
    const which = plan === 'auto' ? 'largest published plan' : `${plan} plan`;
    warnings.push(`AUTH0_RATE_LIMIT ${rateLimit}/s exceeds the ${which}'s ${planGlobal.perSecond}/s; expect 429s from Auth0`);
  }
  const audience = values['AUTH0_AUDIENCE'] ?? `https://${domain}/api/v2/`;
  if (!isHttpUrl(audience)) {
    throw new ConfigError('AUTH0_AUDIENCE', 'must be a URL such as https://acme.eu.auth0.com/api/v2/');
  }
  return {
    domain,
    baseUrl: baseUrl ?? `https://${domain}`,
    audience,
    credentials: readCredentials(values),
    plan,
    rateLimit,
    rateBurst,
    upstreamConnections: readOptionalNumber(values, 'AUTH0_GRAPH_UPSTREAM_CONNECTIONS', 1, 1_000, true),
    maxQueueMs: readInteger(values, 'AUTH0_GRAPH_MAX_QUEUE_MS', 0, 300_000),
  };
}

// Auth0 tenant names: 3–63 lowercase letters, digits and hyphens.
const TENANT_LABEL = /^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$/;
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function readDomain(raw: string | undefined, hasBaseUrl: boolean, warnings: string[]): string {
  if (raw === undefined) {
    throw new ConfigError('AUTH0_DOMAIN', 'is required; set it to your tenant host, e.g. acme.eu.auth0.com');
  }
  let domain = raw.toLowerCase();
  if (domain.startsWith('http://')) {
    throw new ConfigError('AUTH0_DOMAIN', 'give the bare host; to reach Auth0 (or a simulator) over http set AUTH0_BASE_URL');
  }
  if (domain.startsWith('https://')) {
    domain = domain.slice('https://'.length);
    warnings.push('AUTH0_DOMAIN: removed the leading https://; give the bare host');
  }
  if (domain.endsWith('/')) {
    domain = domain.replace(/\/+$/, '');
    warnings.push('AUTH0_DOMAIN: removed the trailing /; give the bare host');
  }
  if (/[/?#]/.test(domain)) {
    throw new ConfigError('AUTH0_DOMAIN', `${domain} has a path; give only the host, e.g. acme.eu.auth0.com`);
  }
  if (domain.includes(':')) {
    throw new ConfigError('AUTH0_DOMAIN', 'has a port; give the bare host and put the port in AUTH0_BASE_URL');
  }
  const labels = domain.split('.');
  const isHostname = domain.length <= 253 && labels.every((label) => HOST_LABEL.test(label));
  if (!isHostname) {
    throw new ConfigError('AUTH0_DOMAIN', `${domain} is not a valid hostname; use your tenant host, e.g. acme.eu.auth0.com`);
  }
  if (domain.endsWith('.auth0.com') && !TENANT_LABEL.test(labels[0] ?? '')) {
    throw new ConfigError('AUTH0_DOMAIN', `${domain}: Auth0 tenant names are 3–63 lowercase letters, digits or hyphens`);
  }
  if (labels.length < 2 && !hasBaseUrl) {
    throw new ConfigError('AUTH0_DOMAIN', `${domain} is not a public host; set AUTH0_BASE_URL too when pointing at a local simulator or proxy`);
  }
  return domain;
}

function readBaseUrl(raw: string, warnings: string[]): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('AUTH0_BASE_URL', 'is not a URL; use scheme and host, e.g. http://127.0.0.1:8080');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError('AUTH0_BASE_URL', 'must start with https:// or http://');
  }
  if (url.username !== '' || url.password !== '') {
    throw new ConfigError('AUTH0_BASE_URL', 'must not contain credentials; use AUTH0_CLIENT_ID/AUTH0_CLIENT_SECRET or AUTH0_TOKEN');
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new ConfigError('AUTH0_BASE_URL', 'must be scheme and host only (no path or query); /api/v2 is added for you');
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    warnings.push('AUTH0_BASE_URL uses plain http to a non-loopback host; tokens will cross the network unencrypted');
  }
  return url.origin;
}

function readCredentials(values: Settings): Auth0Credentials {
  const token = values['AUTH0_TOKEN'];
  const clientId = values['AUTH0_CLIENT_ID'];
  const clientSecret = values['AUTH0_CLIENT_SECRET'];
  const hasPair = clientId !== undefined || clientSecret !== undefined;
  // Both at once is ambiguous (which one is stale?), so it is an error rather than a silent pick.
  if (token !== undefined && hasPair) {
    throw new ConfigError('AUTH0_TOKEN', 'set either AUTH0_TOKEN or AUTH0_CLIENT_ID + AUTH0_CLIENT_SECRET, not both');
  }
  if (token !== undefined) return { kind: 'token', token };
  if (clientId === undefined && clientSecret === undefined) {
    throw new ConfigError('AUTH0_CLIENT_ID', 'no Management API credentials; set AUTH0_CLIENT_ID + AUTH0_CLIENT_SECRET of an M2M application (or AUTH0_TOKEN)');
  }
  if (clientId === undefined) throw new ConfigError('AUTH0_CLIENT_ID', 'is missing; AUTH0_CLIENT_SECRET needs its client id');
  if (clientSecret === undefined) throw new ConfigError('AUTH0_CLIENT_SECRET', 'is missing; AUTH0_CLIENT_ID needs its secret');
  return { kind: 'client-credentials', clientId, clientSecret };
}

function readCallers(values: Settings, host: string, warnings: string[]): CallerAuthSettings {
  const apiKeys = (values['AUTH0_GRAPH_API_KEYS'] ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  if (apiKeys.some((key) => key.length < MIN_API_KEY_LENGTH)) {
    throw new ConfigError('AUTH0_GRAPH_API_KEYS', `every key needs at least ${MIN_API_KEY_LENGTH} characters; generate one with \`openssl rand -hex 24\``);
  }
  const allowAnonymous = readBoolean(values, 'AUTH0_GRAPH_ALLOW_ANONYMOUS');
  if (allowAnonymous && !isLoopback(host)) {
    warnings.push(`anonymous callers are allowed on ${host}; anyone who can reach it can read the tenant`);
  }
  return { apiKeys, jwt: readJwt(values), allowAnonymous };
}

function readJwt(values: Settings): CallerAuthSettings['jwt'] {
  const issuer = values['AUTH0_GRAPH_JWT_ISSUER'];
  const audience = values['AUTH0_GRAPH_JWT_AUDIENCE'];
  const jwksUrl = values['AUTH0_GRAPH_JWKS_URL'];
  if (issuer === undefined) {
    if (audience !== undefined) throw new ConfigError('AUTH0_GRAPH_JWT_AUDIENCE', 'needs AUTH0_GRAPH_JWT_ISSUER too');
    if (jwksUrl !== undefined) throw new ConfigError('AUTH0_GRAPH_JWKS_URL', 'needs AUTH0_GRAPH_JWT_ISSUER too');
    return undefined;
  }
  if (!isHttpUrl(issuer)) throw new ConfigError('AUTH0_GRAPH_JWT_ISSUER', 'must be a URL, e.g. https://acme.eu.auth0.com/');
  if (audience === undefined) {
    throw new ConfigError('AUTH0_GRAPH_JWT_ISSUER', 'needs AUTH0_GRAPH_JWT_AUDIENCE, the audience caller tokens are issued for');
  }
  if (jwksUrl !== undefined && !isHttpUrl(jwksUrl)) {
    throw new ConfigError('AUTH0_GRAPH_JWKS_URL', 'must be a URL, e.g. https://acme.eu.auth0.com/.well-known/jwks.json');
  }
  return { issuer, audience, jwksUrl: jwksUrl ?? `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json` };
}

function readLimits(values: Settings): QueryLimits {
  return {
    maxDepth: readInteger(values, 'AUTH0_GRAPH_MAX_DEPTH', 2, 100),
    maxAliases: readInteger(values, 'AUTH0_GRAPH_MAX_ALIASES', 0, 10_000),
    maxDirectives: readInteger(values, 'AUTH0_GRAPH_MAX_DIRECTIVES', 0, 10_000),
    maxTokens: readInteger(values, 'AUTH0_GRAPH_MAX_TOKENS', 100, 1_000_000),
    maxOperations: readInteger(values, 'AUTH0_GRAPH_MAX_OPERATIONS', 1, 1000),
    maxBodyBytes: readInteger(values, 'AUTH0_GRAPH_MAX_BODY_BYTES', 1024, 100_000_000),
  };
}

function readHost(values: Settings): string {
  const host = valueOf(values, 'HOST');
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const valid = isIP(bare) !== 0 || bare.split('.').every((label) => HOST_LABEL.test(label.toLowerCase()));
  if (!valid) throw new ConfigError('HOST', `${host} is not an IP address or hostname; e.g. 0.0.0.0 or 127.0.0.1`);
  return bare;
}

function readRedisUrl(values: Settings): string | undefined {
  const raw = values['REDIS_URL'];
  if (raw === undefined) return undefined;
  // The URL may embed a password, so the message never repeats it.
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('REDIS_URL', 'is not a URL; use redis://host:6379 or rediss://host:6380');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError('REDIS_URL', 'must start with redis:// or rediss://');
  }
  return raw;
}

/**
 * OTEL_EXPORTER_OTLP_ENDPOINT is a base URL: per the OTLP exporter spec the signal path `v1/traces` is appended
 * to it (after a `/` when missing), so `http://collector:4318` and `http://collector:4318/` mean the same.
 */
function readTracing(values: Settings): TracingSettings | undefined {
  const endpoint = values['OTEL_EXPORTER_OTLP_ENDPOINT'];
  if (endpoint === undefined) return undefined;
  if (!isHttpUrl(endpoint)) {
    throw new ConfigError('OTEL_EXPORTER_OTLP_ENDPOINT', 'must be an http(s) URL of an OTLP/HTTP collector, e.g. http://localhost:4318');
  }
  const url = new URL(endpoint);
  if (url.search !== '' || url.hash !== '') {
    throw new ConfigError('OTEL_EXPORTER_OTLP_ENDPOINT', 'must be a base URL without query or fragment; /v1/traces is added for you');
  }
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/traces`;
  return { tracesUrl: url.href, serviceName: valueOf(values, 'OTEL_SERVICE_NAME') };
}

/** A setting that has a default in SETTINGS, so it always holds a value. */
function valueOf(values: Settings, name: string): string {
  const raw = values[name];
  if (raw === undefined) throw new Error(`${name} has no default in SETTINGS`);
  return raw;
}

function readInteger(values: Settings, name: string, min: number, max: number): number {
  const raw = valueOf(values, name);
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got '${raw}'`);
  }
  return Number(raw);
}

function readOptionalNumber(values: Settings, name: string, min: number, max: number, integer = false): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  const shapeOk = integer ? /^\d+$/.test(raw) : /^\d+(\.\d+)?$/.test(raw);
  if (!shapeOk || value < min || value > max) {
    throw new ConfigError(name, `must be a ${integer ? 'whole ' : ''}number from ${min} to ${max}, got '${raw}'`);
  }
  return value;
}

function readBoolean(values: Settings, name: string): boolean {
  const raw = valueOf(values, name).toLowerCase();
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got '${raw}'`);
}

const FEED_MODES: readonly FeedSettings['mode'][] = ['logs', 'off'];

function readFeed(values: Settings): FeedSettings {
  const webhookToken = values['AUTH0_GRAPH_WEBHOOK_TOKEN'];
  if (webhookToken !== undefined && webhookToken.length < 16) {
    throw new ConfigError('AUTH0_GRAPH_WEBHOOK_TOKEN', 'must be at least 16 characters; generate a random one');
  }
  const intervalSeconds = readInteger(values, 'AUTH0_GRAPH_FEED_INTERVAL', 1, 3_600);
  const maxStalenessSeconds = readInteger(values, 'AUTH0_GRAPH_MAX_STALENESS', 1, 86_400);
  if (maxStalenessSeconds < intervalSeconds * 2) {
    throw new ConfigError('AUTH0_GRAPH_MAX_STALENESS', `must be at least twice AUTH0_GRAPH_FEED_INTERVAL (${intervalSeconds * 2}s), or every slow poll would flush the cache`);
  }
  return {
    mode: values['AUTH0_GRAPH_FEED'] === undefined ? 'auto' : readChoice(values, 'AUTH0_GRAPH_FEED', FEED_MODES),
    intervalMs: intervalSeconds * 1000,
    maxStalenessMs: maxStalenessSeconds * 1000,
    webhookToken,
  };
}

function readChoice<T extends string>(values: Settings, name: string, choices: readonly T[]): T {
  const raw = valueOf(values, name).toLowerCase();
  const choice = choices.find((c) => c === raw);
  if (choice === undefined) throw new ConfigError(name, `must be one of ${choices.join(', ')}, got '${raw}'`);
  return choice;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
