import { setMaxListeners } from 'node:events';
import { initContextCache } from '@pothos/core';
import type { Auth0Client } from './auth0/types.ts';
import type { CallOptions } from './auth0/endpoints/call.ts';
import { createLoaders } from './resolvers/loaders.ts';
import type { Loaders } from './resolvers/loaders.ts';
import { createUpstreamReport } from './resolvers/upstream-report.ts';
import type { UpstreamReport } from './resolvers/upstream-report.ts';

/** Everything a resolver may use, built fresh for each GraphQL request. */
export interface Context {
  readonly auth0: Auth0Client;
  /** Deadline and report hooks every upstream call of this request carries. */
  readonly call: CallOptions;
  readonly loaders: Loaders;
  readonly upstream: UpstreamReport;
  /** `x-auth0-graph-debug: 1`: answer with `extensions.upstream`. */
  readonly debug: boolean;
}

export interface ContextDeps {
  readonly auth0: Auth0Client;
  /** AUTH0_GRAPH_TIMEOUT_MS: the request's deadline for all its upstream calls. */
  readonly timeoutMs: number;
  /** AUTH0_GRAPH_MAX_UPSTREAM_CALLS: how many calls (and so deadline listeners) one request may have. */
  readonly maxUpstreamCalls: number;
}

export function createContext(deps: ContextDeps, request: Request): Context {
  const upstream = createUpstreamReport();
  const signal = AbortSignal.any([request.signal, AbortSignal.timeout(deps.timeoutMs)]);
  // One request fans out to many concurrent upstream calls (seats: one per organization), each listening here.
  setMaxListeners(deps.maxUpstreamCalls, signal);
  const call: CallOptions = {
    signal,
    deadline: Date.now() + deps.timeoutMs,
    onCall: upstream.onCall,
    onCache: upstream.onCache,
  };
  return {
    ...initContextCache(),
    auth0: deps.auth0,
    call,
    loaders: createLoaders(deps.auth0, call),
    upstream,
    debug: request.headers.get('x-auth0-graph-debug') === '1',
  };
}
