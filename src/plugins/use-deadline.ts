import { setMaxListeners } from 'node:events';
import type { Plugin } from 'graphql-yoga';
import type { Deadline } from '../resolvers/context.ts';

export interface DeadlineContext {
  readonly deadline: Deadline;
}

export interface DeadlineOptions {
  /** AUTH0_GRAPH_TIMEOUT_MS. */
  readonly timeoutMs: number;
  /** Listeners the signal may hold without a leak warning: one request fans out to many upstream calls. @default 10 */
  readonly maxListeners?: number;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default AbortSignal.timeout */
  readonly timeout?: (ms: number) => AbortSignal;
}

/**
 * Adds `deadline` to the GraphQL context: one signal per request that fires at the deadline or on disconnect.
 * The signal is made on first read, for the time then left: a request answered without an upstream call (a
 * whole-response cache hit) never pays for the two signals and the timer.
 */
export function useDeadline({ timeoutMs, maxListeners, now = Date.now, timeout = AbortSignal.timeout }: DeadlineOptions): Plugin<DeadlineContext> {
  return {
    onContextBuilding({ context, extendContext }) {
      const { request } = context;
      const expiresAt = now() + timeoutMs;
      let signal: AbortSignal | undefined;
      const deadline: Deadline = {
        expiresAt,
        get signal() {
          if (signal === undefined) {
            signal = AbortSignal.any([request.signal, timeout(Math.max(0, expiresAt - now()))]);
            if (maxListeners !== undefined) setMaxListeners(maxListeners, signal);
          }
          return signal;
        },
      };
      extendContext({ deadline });
    },
  };
}
