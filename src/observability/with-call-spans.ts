import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { Span, Tracer } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE, ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE } from '@opentelemetry/semantic-conventions';
import { isAuth0Error } from '../auth0/errors.ts';
import { endpointGroupOf, routeOf } from '../auth0/routes.ts';
import type { Auth0Client, CacheEvent, UpstreamCall } from '../auth0/types.ts';

/**
 * Attribute names of an upstream call's span. `url.template` is OpenTelemetry's (still incubating) name for a
 * route with its ids replaced; the rest are ours. Values are route templates, enums and numbers only: a
 * concrete path or query string could carry a user id, an email or a search term.
 */
const CALL_ATTRIBUTES = {
  route: 'url.template',
  group: 'auth0.endpoint_group',
  attempts: 'auth0.attempts',
  limiterWaitMs: 'auth0.rate_limiter.wait_ms',
  cache: 'auth0.cache',
} as const;

function recordCall(span: Span, call: UpstreamCall): void {
  span.setAttribute(CALL_ATTRIBUTES.attempts, call.attempts);
  span.setAttribute(CALL_ATTRIBUTES.limiterWaitMs, call.waitMs);
  // 0 means no response arrived (timeout, reset): there is no status to report.
  if (call.status > 0) span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, call.status);
}

function recordFailure(span: Span, error: unknown): void {
  // The stable code only: messages are for people and might one day carry more than a route.
  span.setAttribute(ATTR_ERROR_TYPE, isAuth0Error(error) ? error.code : 'unknown');
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/**
 * The client seen by resolvers when tracing is on: one CLIENT span per `get`, a child of the request's
 * `traceParent`, from the resolver's ask to its answer. Wrapped outside the response cache so calls it answers
 * (`auth0.cache` = hit, stale or shared, with no status or attempts) are as visible as those that went upstream
 * (`miss`, with status, attempts and limiter wait from the call's own `onCall` report).
 * Calls without a parent (readiness probes, the change feed) stay untraced rather than each starting a trace.
 */
export function withCallSpans(client: Auth0Client, tracer: Tracer): Auth0Client {
  return {
    get(request) {
      const { traceParent, onCall, onCache } = request;
      if (traceParent === undefined) return client.get(request);
      const route = routeOf(request.path);
      const span = tracer.startSpan(
        `GET ${route}`,
        {
          kind: SpanKind.CLIENT,
          attributes: { [ATTR_HTTP_REQUEST_METHOD]: 'GET', [CALL_ATTRIBUTES.route]: route, [CALL_ATTRIBUTES.group]: endpointGroupOf(route) },
        },
        traceParent,
      );
      return client
        .get({
          ...request,
          onCall: (call) => {
            recordCall(span, call);
            onCall?.(call);
          },
          onCache: (event: CacheEvent) => {
            span.setAttribute(CALL_ATTRIBUTES.cache, event.outcome);
            onCache?.(event);
          },
        })
        .then(
          (body) => {
            span.end();
            return body;
          },
          (error: unknown) => {
            recordFailure(span, error);
            span.end();
            throw error;
          },
        );
    },
    close: () => client.close(),
  };
}
