import type { IncomingMessage } from 'node:http';
import type { EndpointGroup } from '../../auth0/types.ts';
import type { ApiContext, RouteSpec } from '../api/context.ts';
import type { CursorRegistry } from '../api/cursor.ts';
import { decodePath, matchRoute } from '../api/router.ts';
import { requireScopes } from '../api/scope-errors.ts';
import type { TokenIssuer } from '../auth/token-issuer.ts';
import type { CallLog } from '../call-log.ts';
import type { LogStore } from '../logs/log-store.ts';
import type { SecretsMode } from '../options.ts';
import { apiError, notFound, SimulatorHttpError } from '../errors.ts';
import type { Faults } from '../faults.ts';
import type { Prng } from '../prng.ts';
import { endpointGroupOf } from '../rate-limit/endpoint-group.ts';
import { RATE_LIMIT_PRESETS } from '../rate-limit/presets.ts';
import { decidingBucketSize, type RateLimiter } from '../rate-limit/rate-limiter.ts';
import { secretKindsIn } from '../seed/secrets.ts';
import type { TenantStore } from '../tenant-store.ts';

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

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return out;
}

/**
 * The order every Management API call goes through: URL length, route, injected faults, bearer token,
 * scopes, rate limit, handler. Each step answers with the exact error body Auth0 sends.
 */
export function createApiPipeline(deps: ApiPipelineDeps): (req: IncomingMessage, url: URL) => ApiOutcome {
  const decide = (req: IncomingMessage, url: URL, group: EndpointGroup, matched: ReturnType<typeof matchRoute>): ApiOutcome => {
    const { faults } = deps;
    if (Buffer.byteLength(req.url ?? '') > deps.maxUrlBytes) throw apiError(414, 'Request-URI Too Large');
    if (matched === undefined || req.method !== 'GET') throw notFound.route();
    if (faults.dropConnections > 0 && deps.prng.chance(faults.dropConnections)) return { kind: 'drop' };
    if (faults.errorRate > 0 && deps.prng.chance(faults.errorRate)) {
      throw deps.prng.chance(0.5) ? apiError(500, 'Internal Server Error') : apiError(503, 'Service Unavailable');
    }
    const scopes = deps.issuer.authenticate(req.headers.authorization);
    requireScopes(matched.spec, url.searchParams, scopes);
    const nowMs = deps.now();
    const rateHeaders = admit(matched.spec.template, group, nowMs);
    const ctx: ApiContext = {
      store: deps.store,
      logs: deps.logs,
      params: matched.params,
      query: url.searchParams,
      scopes,
      nowMs,
      cursors: deps.cursors,
      secrets: deps.secrets,
      searchTimeout: faults.searchTimeout,
    };
    try {
      return { kind: 'respond', status: 200, body: matched.spec.handle(ctx), headers: rateHeaders };
    } catch (error) {
      if (error instanceof SimulatorHttpError) {
        throw new SimulatorHttpError(error.status, error.body, { ...rateHeaders, ...error.headers });
      }
      throw error;
    }
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

  return (req, url) => {
    const at = deps.now();
    const apiPath = url.pathname.slice('/api/v2'.length) || '/';
    const matched = matchRoute(deps.routes, apiPath);
    const route = matched?.spec.template ?? null;
    const group = endpointGroupOf(route ?? apiPath);
    let outcome: ApiOutcome;
    try {
      outcome = decide(req, url, group, matched);
    } catch (error) {
      if (!(error instanceof SimulatorHttpError)) throw error;
      outcome = { kind: 'respond', status: error.status, body: error.body, headers: error.headers };
    }
    const secretKinds = outcome.kind === 'respond' && outcome.status === 200 ? secretKindsIn(JSON.stringify(outcome.body)) : [];
    deps.calls.record({
      method: req.method ?? 'GET',
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
