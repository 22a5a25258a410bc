import { setMaxListeners } from 'node:events';
import type { Plugin } from 'graphql-yoga';
import { isIncremental } from '../resolvers/incremental.ts';
import type { Deadline } from '../resolvers/context.ts';

export interface DeadlineContext {
  readonly deadline: Deadline;
}

export interface DeadlineOptions {
  /** AUTH0_GRAPH_TIMEOUT_MS. */
  readonly timeoutMs: number;
  /** AUTH0_GRAPH_STREAM_TIMEOUT_MS: an operation answered in parts (`@stream`, `@defer`) runs this long. @default timeoutMs */
  readonly streamTimeoutMs?: number;
  /** Listeners the signal may hold without a leak warning: one request fans out to many upstream calls. @default 10 */
  readonly maxListeners?: number;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default AbortSignal.timeout */
  readonly timeout?: (ms: number) => AbortSignal;
  /**
   * Fires when the server starts shutting down: a streamed operation's deadline becomes now, since it may run
   * for minutes past any grace period, while a plain request keeps its own deadline and is drained.
   */
  readonly shutdown?: AbortSignal;
}

/** What the request's deadline is measured from; execution settles which timeout applies. */
interface Clock {
  readonly arrivedAt: number;
  timeoutMs: number;
  streamed: boolean;
}

/**
 * Adds `deadline` to the GraphQL context: one signal per request that fires at the deadline or on disconnect.
 * The signal is made on first read, for the time then left: a request answered without an upstream call (a
 * whole-response cache hit) never pays for the two signals and the timer.
 *
 * Its length is settled when execution starts, where the document is known: a streamed operation sends its
 * first rows at once and the rest as Auth0 allows, so it gets the stream timeout. Nothing reads the deadline
 * before then.
 */
export function useDeadline({ timeoutMs, streamTimeoutMs = timeoutMs, maxListeners, now = Date.now, timeout = AbortSignal.timeout, shutdown }: DeadlineOptions): Plugin<DeadlineContext> {
  const clocks = new WeakMap<Deadline, Clock>();
  return {
    onContextBuilding({ context, extendContext }) {
      const { request } = context;
      const clock: Clock = { arrivedAt: now(), timeoutMs, streamed: false };
      let signal: AbortSignal | undefined;
      const deadline: Deadline = {
        get expiresAt() {
          return clock.arrivedAt + clock.timeoutMs;
        },
        get signal() {
          if (signal === undefined) {
            const ends = [request.signal, timeout(Math.max(0, this.expiresAt - now()))];
            if (clock.streamed && shutdown !== undefined) ends.push(shutdown);
            signal = AbortSignal.any(ends);
            if (maxListeners !== undefined) setMaxListeners(maxListeners, signal);
          }
          return signal;
        },
      };
      clocks.set(deadline, clock);
      extendContext({ deadline });
    },
    onExecute({ args }) {
      const clock = clocks.get(args.contextValue.deadline);
      if (clock !== undefined && isIncremental(args.document, args.variableValues)) {
        clock.timeoutMs = streamTimeoutMs;
        clock.streamed = true;
      }
    },
  };
}
