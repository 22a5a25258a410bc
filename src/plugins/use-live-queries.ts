import { setMaxListeners } from 'node:events';
import { useLiveQuery } from '@envelop/live-query';
import type { UseLiveQueryOptions } from '@envelop/live-query';
import { getOperationAST } from 'graphql';
import type { ExecutionArgs, ExecutionResult } from 'graphql';
import { createContext } from '../resolvers/context.ts';
import type { Context, ContextDeps, Deadline } from '../resolvers/context.ts';
import { isLiveOperation } from '../resolvers/incremental.ts';
import { watchReads } from '../resolvers/read-resources.ts';
import { documentText } from './document-text.ts';
import type { LiveQueryHub } from './live-query-hub.ts';
import { operationShape } from './operation-shape.ts';
import { queryLimitError } from './query-limit-error.ts';

export interface LiveQueriesOptions {
  readonly hub: LiveQueryHub<ExecutionResult>;
  /** What every run's context is built from, as each request's is. */
  readonly deps: ContextDeps;
  /** AUTH0_GRAPH_STREAM_TIMEOUT_MS: the deadline of each run. */
  readonly timeoutMs: number;
  /** AUTH0_GRAPH_LIVE_MAX_QUERIES, for the refusal's `extensions.max`. */
  readonly maxOpen: number;
  /** Listeners a run's signal may hold: one run fans out to many upstream calls. */
  readonly maxListeners: number;
}

type Execute = (args: ExecutionArgs) => unknown;
/** All the envelop plugin calls on its store (read in its source): `makeExecute`, with the execute it wraps. */
type LiveStore = UseLiveQueryOptions['liveQueryStore'];

/**
 * `@live` queries through envelop's live-query plugin (the `@live` protocol: a query marked `@live` is answered
 * with a whole new result, `isLive: true`, each time what it read changes), served by yoga as Server-Sent Events.
 * The plugin's own in-memory store re-executes once per client; this store hands the plugin `makeExecute` over a
 * hub that runs each document and variables once for every client watching it (live-query-hub.ts). Install it
 * after the cost limit, so a query the tenant cannot afford is refused before it is watched.
 */
export function useLiveQueries({ hub, deps, timeoutMs, maxOpen, maxListeners }: LiveQueriesOptions): ReturnType<typeof useLiveQuery> {
  const makeExecute = (execute: Execute) => (args: ExecutionArgs) => {
    const operation = getOperationAST(args.document, args.operationName);
    if (operation?.operation !== 'query' || !isLiveOperation(operation, args.variableValues)) return execute(args);
    const text = documentText(args.document);
    const key = JSON.stringify([text, args.operationName ?? null, args.variableValues ?? null]);
    // Every run of one watched query is the same kind of work for the rate limiter, whoever's client started it.
    const shape = operationShape({ operationName: args.operationName ?? undefined, query: text });
    const answers = hub.watch(key, (signal) => {
      // Each run has a context of its own: fresh loaders (a re-run must not be answered from the last run's) and
      // a deadline of its own, ended early when its last client leaves, not when the first client's request does.
      const contextValue = runContext(args.contextValue as Context & { readonly request: Request }, deps, deadlineOf(signal, timeoutMs, maxListeners), shape);
      const reads = watchReads(contextValue);
      const result = Promise.resolve(execute({ ...args, contextValue })).then(asLiveResult);
      return { reads, result };
    });
    if (answers !== undefined) return answers;
    return { errors: [queryLimitError('live', maxOpen, `Live query limit of ${maxOpen} open at once reached; ask without @live or later.`)] };
  };
  // The plugin's option is typed as its own store class, of which it calls `makeExecute` alone.
  return useLiveQuery({ liveQueryStore: { makeExecute } as unknown as LiveStore });
}

/** The first client's context (yoga's request fields, its caller) with what must be new for each run. */
function runContext(first: Context & { readonly request: Request }, deps: ContextDeps, deadline: Deadline, shape: string): Context {
  return { ...first, ...createContext(deps, { request: first.request, deadline, caller: first.caller, shape }) };
}

function deadlineOf(stop: AbortSignal, timeoutMs: number, maxListeners: number): Deadline {
  const expiresAt = Date.now() + timeoutMs;
  const signal = AbortSignal.any([stop, AbortSignal.timeout(timeoutMs)]);
  setMaxListeners(maxListeners, signal);
  return { signal, expiresAt, streamed: true };
}

/** The `@live` protocol marks each answer; `@defer`/`@stream` cannot reach here (the plugin's validation rule). */
function asLiveResult(result: unknown): ExecutionResult {
  return { ...(result as ExecutionResult), isLive: true } as ExecutionResult;
}
