import type { Context as TraceParent } from '@opentelemetry/api';
import { initContextCache } from '@pothos/core';
import type { Auth0Client, CacheEvent, Flow, UpstreamCall } from '../auth0/types.ts';
import type { CallOptions } from '../auth0/endpoints/call.ts';
import { createLoaders } from './loaders.ts';
import type { Loaders } from './loaders.ts';
import { createUpstreamReport } from './upstream-report.ts';
import type { UpstreamReport } from './upstream-report.ts';

/** Who is asking, as `useCallerAuth` established it. */
export type Caller =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'api-key'; readonly keyIndex: number }
  | { readonly kind: 'jwt'; readonly subject: string | undefined; readonly scopes: readonly string[] };

/** The request's deadline, for resolvers to pass down to every upstream call. */
export interface Deadline {
  /** Aborts when the deadline passes or the client goes away. */
  readonly signal: AbortSignal;
  /** Epoch milliseconds; lets the rate limiter refuse a wait that would end after it. */
  readonly expiresAt: number;
  /** The operation is answered in parts and runs under the stream deadline (settled when execution starts). */
  readonly streamed?: boolean;
}

/** Everything a resolver may use, built fresh for each GraphQL request. */
export interface Context {
  readonly auth0: Auth0Client;
  /** Deadline and report hooks every upstream call of this request carries. */
  readonly call: CallOptions;
  readonly loaders: Loaders;
  readonly upstream: UpstreamReport;
  /** `x-auth0-graph-debug: 1`: answer with `extensions.upstream`. */
  readonly debug: boolean;
  /** From `useDeadline`: AUTH0_GRAPH_TIMEOUT_MS from the request's arrival, or the client going away. */
  readonly deadline: Deadline;
  /** From `useCallerAuth`; undefined only where no caller authentication is installed (in-process tests). */
  readonly caller: Caller | undefined;
}

export interface ContextDeps {
  readonly auth0: Auth0Client;
  /** Process-wide observers (metrics, readiness) told about every call besides the request's own report. */
  readonly onCall?: (call: UpstreamCall) => void;
  readonly onCache?: (event: CacheEvent) => void;
}

export interface ContextInput {
  readonly request: Request;
  readonly deadline: Deadline;
  readonly caller: Caller | undefined;
  /** From `useTracing`: the operation's span, parent of every upstream call's; undefined when tracing is off. */
  readonly traceParent?: TraceParent;
  /** What kind of work the request is (plugins/operation-shape.ts), for the rate limiter's shares. */
  readonly shape: string;
}

export function createContext(deps: ContextDeps, { request, deadline, caller, traceParent, shape }: ContextInput): Context {
  const upstream = createUpstreamReport();
  // Read per call: whether the operation is streamed is settled only when execution starts.
  const flow: Flow = {
    shape,
    get patient() {
      return deadline.streamed === true;
    },
  };
  const call = new RequestCall(deadline, upstream, deps, traceParent, flow);
  return {
    auth0: deps.auth0,
    call,
    loaders: createLoaders(deps.auth0, call),
    upstream,
    debug: request.headers.get('x-auth0-graph-debug') === '1',
    deadline,
    caller,
    // Last: spread first, its one symbol-keyed property made V8 build every context the slow way (17 µs against 0.2).
    ...initContextCache(),
  };
}

/**
 * The call options of one request. A class, because a context is built for every request, a whole-answer cache
 * hit included, and an object literal with getters costs V8 far more to make than an instance whose getters sit
 * on the prototype.
 */
class RequestCall implements CallOptions {
  readonly onCall: (call: UpstreamCall) => void;
  readonly onCache: (event: CacheEvent) => void;

  constructor(
    private readonly requestDeadline: Deadline,
    upstream: UpstreamReport,
    deps: ContextDeps,
    readonly traceParent: TraceParent | undefined,
    /** The request's calls are one flow in the rate limiter: they take turns with other requests' calls. */
    readonly flow: Flow,
  ) {
    this.onCall = (record) => {
      upstream.onCall(record);
      deps.onCall?.(record);
    };
    this.onCache = (event) => {
      upstream.onCache(event);
      deps.onCache?.(event);
    };
  }

  /** Read per call, not here: the deadline's signal and timer are made only if the request goes upstream. */
  get signal(): AbortSignal {
    return this.requestDeadline.signal;
  }

  /** Read per call too: a streamed operation's longer deadline is settled only when execution starts. */
  get deadline(): number {
    return this.requestDeadline.expiresAt;
  }
}
