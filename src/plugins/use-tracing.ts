import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Context as TraceParent, Span, TextMapGetter, Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { ATTR_HTTP_RESPONSE_STATUS_CODE } from '@opentelemetry/semantic-conventions';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** What `useTracing` adds to the GraphQL context: the operation's span, for upstream calls to hang under. */
export interface TracingContext {
  readonly traceParent?: TraceParent;
}

export interface TracingOptions {
  readonly tracer: Tracer;
}

/**
 * OpenTelemetry's GraphQL names (incubating). `graphql.document` is deliberately absent: literals in a document
 * (an email in a search, a user id) are personal data, and so are variables, which are never recorded either.
 */
const OPERATION_ATTRIBUTES = {
  type: 'graphql.operation.type',
  name: 'graphql.operation.name',
  errorCodes: 'auth0_graph.error_codes',
} as const;

const headerGetter: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

/** Only `traceparent`/`tracestate` are read: baggage is caller-controlled data we would otherwise forward. */
const propagator = new W3CTraceContextPropagator();

/** The public codes of a result's errors: never their messages, which can quote a variable's value. */
function errorCodesOf(errors: readonly { extensions?: Record<string, unknown> }[]): string[] {
  const codes = new Set<string>();
  for (const error of errors) {
    const code = error.extensions?.['code'];
    codes.add(typeof code === 'string' ? code : 'INTERNAL');
  }
  return [...codes];
}

/**
 * One SERVER span per GraphQL request, continuing the caller's W3C `traceparent`, named and typed once the
 * document is known. It starts when the GraphQL parameters are read, so refused operations (parse errors,
 * limits, cost) are traced too, and ends with the HTTP response. For an incremental answer (`@defer`,
 * `@stream`, `@live`) that is when its first part leaves; later upstream calls still carry its trace.
 */
export function useTracing({ tracer }: TracingOptions): Plugin<TracingContext> {
  const spans = new WeakMap<Request, { span: Span; parent: TraceParent }>();
  return {
    onParams({ request }) {
      if (spans.has(request)) return;
      const incoming = propagator.extract(ROOT_CONTEXT, request.headers, headerGetter);
      const span = tracer.startSpan('GraphQL Operation', { kind: SpanKind.SERVER }, incoming);
      spans.set(request, { span, parent: trace.setSpan(incoming, span) });
    },
    onContextBuilding({ context, extendContext }) {
      const traced = spans.get(context.request);
      if (traced !== undefined) extendContext({ traceParent: traced.parent });
    },
    onExecute({ args }) {
      const span = spans.get(args.contextValue.request)?.span;
      if (span === undefined) return;
      const operation = getOperationAST(args.document, args.operationName);
      if (operation === null || operation === undefined) return;
      const name = operation.name?.value;
      span.setAttribute(OPERATION_ATTRIBUTES.type, operation.operation);
      if (name !== undefined) span.setAttribute(OPERATION_ATTRIBUTES.name, name);
      span.updateName(name === undefined ? operation.operation : `${operation.operation} ${name}`);
    },
    onExecutionResult({ request, result }) {
      const span = spans.get(request)?.span;
      if (span === undefined || result === undefined || Symbol.asyncIterator in result || !result.errors?.length) return;
      span.setAttribute(OPERATION_ATTRIBUTES.errorCodes, errorCodesOf(result.errors));
      span.setStatus({ code: SpanStatusCode.ERROR });
    },
    onResponse({ request, response }) {
      const traced = spans.get(request);
      if (traced === undefined) return;
      spans.delete(request);
      traced.span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.status);
      if (response.status >= 500) traced.span.setStatus({ code: SpanStatusCode.ERROR });
      traced.span.end();
    },
  };
}
