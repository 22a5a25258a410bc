import type { IncomingMessage } from 'node:http';
import type { EndpointGroup } from '../../auth0/types.ts';
import type { ApiContext, RouteSpec } from '../api/context.ts';
import type { CursorRegistry } from '../api/cursor.ts';
import { decodePath, matchRoute } from '../api/router.ts';
import { requireScopes } from '../api/scope-errors.ts';
import type { TokenIssuer } from '../auth/token-issuer.ts';
import type { CallLog } from '../call-log.ts';
import type { LogEvent } from '../logs/log-entry.ts';
import { apiOperationEvent } from '../logs/log-events.ts';
import type { LogStore } from '../logs/log-store.ts';
import type { SecretsMode } from '../options.ts';
import { apiError, notFound, SimulatorHttpError } from '../errors.ts';
import type { Faults } from '../faults.ts';
import type { Prng } from '../prng.ts';
import { endpointGroupOf, limitKeyOf } from '../rate-limit/endpoint-group.ts';
import { RATE_LIMIT_PRESETS } from '../rate-limit/presets.ts';
import { decidingBucketSize, type RateLimiter } from '../rate-limit/rate-limiter.ts';
import { secretKindsIn } from '../seed/secrets.ts';
import type { ChangeListener, TenantChange } from '../tenant-changes.ts';
import type { TenantStore } from '../tenant-store.ts';
import type { JsonValue } from '../tenant.ts';
import { readBody } from './respond.ts';

export interface ApiPipelineDeps {
  readonly routes: readonly RouteSpec[];
  readonly store: TenantStore;
  readonly logs: LogStore;
  readonly issuer: TokenIssuer;
  readonly limiter: RateLimiter | undefined;
  readonly faults: Faults;
  readonly calls: CallLog;
  readonly prng: Prng;
  readonly now: () => number;
  readonly cursors: CursorRegistry;
  readonly maxUrlBytes: number;
  readonly retryAfterHeader: boolean;
  readonly secrets: SecretsMode;
  /** How long a written user or membership stays out of search and member listings. */
  readonly indexingDelayMs: number;
  /** Hears each change a successful write made, after its log entry is written. */
  readonly onChange: ChangeListener;
}

/** What to do with one `/api/v2` request: answer it, or drop the socket. */
export type ApiOutcome =
  | { readonly kind: 'respond'; readonly status: number; readonly body: unknown; readonly headers: Readonly<Record<string, string>> }
  | { readonly kind: 'drop' };

const tooManyRequests = (headers: Record<string, string>): SimulatorHttpError =>
  new SimulatorHttpError(
    429,
    { statusCode: 429, error: 'Too Many Requests', message: 'Global limit has been reached', errorCode: 'too_many_requests' },
    headers,
  );

/** hapi's answer to a body that is not JSON, which Auth0's API runs on. */
const invalidJson = (): SimulatorHttpError =>
  new SimulatorHttpError(400, { statusCode: 400, error: 'Bad Request', message: 'Invalid request payload JSON format' });

async function parseBody(req: IncomingMessage): Promise<unknown> {
  let text: string;
  try {
    text = await readBody(req);
  } catch {
    throw new SimulatorHttpError(413, { statusCode: 413, error: 'Request Entity Too Large', message: 'Payload content length greater than maximum allowed: 1048576' });
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidJson();
  }
}

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return out;
}

/**
 * The order every Management API call goes through: URL length, route (by method), injected faults, bearer
 * token, scopes, a write's body, rate limit, handler; a write that succeeds then leaves its `sapi` entry and
 * reports its changes. Each step answers with the exact error body Auth0 sends.
 */
export function createApiPipeline(deps: ApiPipelineDeps): (req: IncomingMessage, url: URL) => Promise<ApiOutcome> {
  const decide = async (req: IncomingMessage, url: URL, apiPath: string, group: EndpointGroup, matched: ReturnType<typeof matchRoute>): Promise<ApiOutcome> => {
    const { faults } = deps;
    if (Buffer.byteLength(req.url ?? '') > deps.maxUrlBytes) throw apiError(414, 'Request-URI Too Large');
    if (matched === undefined) throw notFound.route();
    if (faults.dropConnections > 0 && deps.prng.chance(faults.dropConnections)) return { kind: 'drop' };
    if (faults.failing?.(url) === true) throw apiError(503, 'Service Unavailable');
    if (faults.errorRate > 0 && deps.prng.chance(faults.errorRate)) {
      throw deps.prng.chance(0.5) ? apiError(500, 'Internal Server Error') : apiError(503, 'Service Unavailable');
    }
    const { spec } = matched;
    const method = spec.method ?? 'GET';
    const caller = deps.issuer.authenticate(req.headers.authorization);
    requireScopes(spec, url.searchParams, caller.scopes);
    const body = method === 'GET' ? undefined : await parseBody(req);
    const nowMs = deps.now();
    const rateHeaders = admit(limitKeyOf(method, spec.template), group, nowMs);
    const changes: TenantChange[] = [];
    const extraEntries: LogEvent[] = [];
    const ctx: ApiContext = {
      store: deps.store,
      logs: deps.logs,
      params: matched.params,
      query: url.searchParams,
      scopes: caller.scopes,
      clientId: caller.clientId,
      nowMs,
      cursors: deps.cursors,
      secrets: deps.secrets,
      searchTimeout: faults.searchTimeout,
      body,
      visibleAtMs: nowMs + deps.indexingDelayMs,
      changed: (change) => changes.push(change),
      alsoLog: (event) => extraEntries.push(event),
    };
    let answer: JsonValue;
    try {
      answer = spec.handle(ctx);
    } catch (error) {
      if (error instanceof SimulatorHttpError) {
        throw new SimulatorHttpError(error.status, error.body, { ...rateHeaders, ...error.headers });
      }
      throw error;
    }
    const status = spec.status ?? 200;
    if (spec.operation !== undefined) {
      deps.logs.append(
        apiOperationEvent({
          description: spec.operation,
          clientId: caller.clientId,
          method: method.toLowerCase() as 'post' | 'patch' | 'delete',
          path: `/api/v2${apiPath}`,
          query: queryRecord(url.searchParams),
          requestBody: (body ?? {}) as JsonValue,
          statusCode: status,
          responseBody: status === 204 ? {} : answer,
          userAgent: req.headers['user-agent'] ?? '',
        }),
        nowMs,
      );
      for (const event of extraEntries) deps.logs.append(event, nowMs);
      for (const change of changes) deps.onChange(change);
    }
    return { kind: 'respond', status, body: answer, headers: rateHeaders };
  };

  const admit = (route: string, group: EndpointGroup, nowMs: number): Record<string, string> => {
    const storm = deps.faults.rateLimitStorm;
    if (storm !== undefined && nowMs < storm.untilMs) {
      // Auth0's limit header is the bucket's size, never 0; without configured limits, the size the CLI's
      // default plan would have. Its reset is when the bucket is full again: a storm is an empty bucket whose
      // next token comes when the storm ends, so it is full `limit` such spans from now.
      const limit = deps.limiter?.bucketSize(route, group) ?? decidingBucketSize(RATE_LIMIT_PRESETS.essentials, route, group) ?? 1;
      const reset = String(Math.ceil((nowMs + (storm.untilMs - nowMs) * limit) / 1000));
      throw tooManyRequests({
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': reset,
        ...(deps.retryAfterHeader ? { 'retry-after': String(Math.max(1, Math.ceil((storm.untilMs - nowMs) / 1000))) } : {}),
      });
    }
    if (deps.limiter === undefined) return {};
    const decision = deps.limiter.admit(route, group);
    if (decision.allowed) return { ...decision.headers };
    throw tooManyRequests({
      ...decision.headers,
      ...(deps.retryAfterHeader ? { 'retry-after': String(decision.retryAfterSeconds) } : {}),
    });
  };

  return async (req, url) => {
    const at = deps.now();
    const apiPath = url.pathname.slice('/api/v2'.length) || '/';
    const method = req.method ?? 'GET';
    const matched = matchRoute(deps.routes, apiPath, method);
    const route = matched?.spec.template ?? null;
    const group = endpointGroupOf(limitKeyOf(method, route ?? apiPath));
    let outcome: ApiOutcome;
    try {
      outcome = await decide(req, url, apiPath, group, matched);
    } catch (error) {
      if (!(error instanceof SimulatorHttpError)) throw error;
      outcome = { kind: 'respond', status: error.status, body: error.body, headers: error.headers };
    }
    const secretKinds = outcome.kind === 'respond' && outcome.status === 200 ? secretKindsIn(JSON.stringify(outcome.body)) : [];
    deps.calls.record({
      method,
      path: decodePath(apiPath),
      route,
      query: queryRecord(url.searchParams),
      status: outcome.kind === 'drop' ? 0 : outcome.status,
      group,
      at,
      ...(secretKinds.length > 0 ? { secretKinds } : {}),
    });
    return outcome;
  };
}
