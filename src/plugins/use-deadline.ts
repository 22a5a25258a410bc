import type { Plugin } from 'graphql-yoga';

/** The request's deadline, for resolvers to pass down to every upstream call. */
export interface Deadline {
  /** Aborts when the deadline passes or the client goes away. */
  readonly signal: AbortSignal;
  /** Epoch milliseconds; lets the rate limiter refuse a wait that would end after it. */
  readonly expiresAt: number;
}

export interface DeadlineContext {
  readonly deadline: Deadline;
}

export interface DeadlineOptions {
  /** AUTH0_GRAPH_TIMEOUT_MS. */
  readonly timeoutMs: number;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default AbortSignal.timeout */
  readonly timeout?: (ms: number) => AbortSignal;
}

/** Adds `deadline` to the GraphQL context: one signal per request that fires at the deadline or on disconnect. */
export function useDeadline({ timeoutMs, now = Date.now, timeout = AbortSignal.timeout }: DeadlineOptions): Plugin<DeadlineContext> {
  return {
    onContextBuilding({ context, extendContext }) {
      const signal = AbortSignal.any([context.request.signal, timeout(timeoutMs)]);
      extendContext({ deadline: { signal, expiresAt: now() + timeoutMs } });
    },
  };
}
