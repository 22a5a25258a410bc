/** The one typed, frozen configuration object; `src/config.ts` builds it from env and flags. */

/** `auto` learns the tenant's limits from the headers; a named plan is a ceiling they can only lower. */
export type Plan = 'auto' | 'free' | 'essentials' | 'professional' | 'enterprise';

export type Auth0Credentials =
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'client-credentials'; readonly clientId: string; readonly clientSecret: string };

export interface Auth0Settings {
  /** Bare tenant host, e.g. `acme.eu.auth0.com`. */
  readonly domain: string;
  /** Scheme + host (+ port) for API and token calls: `https://{domain}` unless AUTH0_BASE_URL overrides it. */
  readonly baseUrl: string;
  /** Default `https://{domain}/api/v2/`. */
  readonly audience: string;
  readonly credentials: Auth0Credentials;
  readonly plan: Plan;
  /** Requests per second override (AUTH0_RATE_LIMIT); undefined means the plan preset. */
  readonly rateLimit: number | undefined;
  /** Burst override (AUTH0_RATE_BURST); undefined means the plan preset. */
  readonly rateBurst: number | undefined;
  /** Socket pool override (AUTH0_GRAPH_UPSTREAM_CONNECTIONS); undefined means sized from the rate budget's bursts. */
  readonly upstreamConnections: number | undefined;
  /** AUTH0_GRAPH_MAX_QUEUE_MS: the longest a call waits for the rate budget behind other requests' calls. */
  readonly maxQueueMs: number;
}

export interface CallerAuthSettings {
  readonly apiKeys: readonly string[];
  readonly jwt: { readonly issuer: string; readonly audience: string; readonly jwksUrl: string } | undefined;
  readonly allowAnonymous: boolean;
}

/** Refusals before execution: oversized documents never cost an upstream call. */
export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  readonly maxTokens: number;
  readonly maxOperations: number;
  readonly maxBodyBytes: number;
}

/** OpenTelemetry trace export; set only when OTEL_EXPORTER_OTLP_ENDPOINT is. */
export interface TracingSettings {
  /** Where spans are POSTed as OTLP/HTTP JSON: the endpoint with `/v1/traces` appended, as the OTLP spec says. */
  readonly tracesUrl: string;
  /** OTEL_SERVICE_NAME: `service.name` of every span. */
  readonly serviceName: string;
}

/** The change feed (AUTH0_GRAPH_FEED*, AUTH0_GRAPH_MAX_STALENESS, AUTH0_GRAPH_WEBHOOK_TOKEN). */
export interface FeedSettings {
  /** `auto`: poll the logs when the token may read them, else off (one log line says what it would gain). */
  readonly mode: 'auto' | 'logs' | 'off';
  readonly intervalMs: number;
  /** The longest an answer is kept while the feed is healthy, and how long the feed may fail before a flush. */
  readonly maxStalenessMs: number;
  /** Deliveries to the webhook receivers must carry it as a bearer token; absent, the receivers are off. */
  readonly webhookToken: string | undefined;
}

export interface Config {
  readonly auth0: Auth0Settings;
  readonly callers: CallerAuthSettings;
  /** Shared cache TTL in seconds; 0 disables the cache. */
  readonly cacheTtlSeconds: number;
  /** AUTH0_GRAPH_CACHE_MAX_MB in bytes, shared by both caches. */
  readonly cacheMaxBytes: number;
  /** Per-request deadline. */
  readonly timeoutMs: number;
  /** Cost budget: the most upstream calls one GraphQL request may be estimated to make. */
  readonly maxUpstreamCalls: number;
  /** Deadline of an operation using `@stream` or `@defer`, whose answer arrives in parts. */
  readonly streamTimeoutMs: number;
  /** Cost budget of an operation using `@stream` or `@defer`. */
  readonly streamMaxUpstreamCalls: number;
  /** Live queries one process keeps open at once; 0 refuses `@live`. */
  readonly liveMaxQueries: number;
  /** Abuse limits (AUTH0_GRAPH_MAX_DEPTH, …). */
  readonly limits: QueryLimits;
  /** Path of a trusted-documents file; when set, only listed operations run. */
  readonly persistedOperationsFile: string | undefined;
  readonly redisUrl: string | undefined;
  /** AUTH0_GRAPH_REPLICAS: the replica count assumed while Redis is down and has not counted them yet. */
  readonly replicas: number;
  readonly feed: FeedSettings;
  /** Absent: no traces, and no tracing code on the request path. */
  readonly tracing: TracingSettings | undefined;
  readonly port: number;
  readonly host: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
}
