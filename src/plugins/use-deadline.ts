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
  const signals: SignalSource = { now, timeout, maxListeners, shutdown };
  return {
    onContextBuilding({ context, extendContext }) {
      extendContext({ deadline: new RequestDeadline(context.request, now(), timeoutMs, signals) });
    },
    onExecute({ args }) {
      const { deadline } = args.contextValue;
      if (deadline instanceof RequestDeadline && isIncremental(args.document, args.variableValues)) deadline.lengthen(streamTimeoutMs);
    },
  };
}

interface SignalSource {
  readonly now: () => number;
  readonly timeout: (ms: number) => AbortSignal;
  readonly maxListeners: number | undefined;
  readonly shutdown: AbortSignal | undefined;
}

/**
 * One request's deadline, measured from its arrival. A class, because every request makes one, a cached answer
 * included, and an object literal with getters costs V8 far more to make than an instance of this.
 */
class RequestDeadline implements Deadline {
  #timeoutMs: number;
  #signal: AbortSignal | undefined;
  #streamed = false;

  constructor(
    private readonly request: Request,
    private readonly arrivedAt: number,
    timeoutMs: number,
    private readonly source: SignalSource,
  ) {
    this.#timeoutMs = timeoutMs;
  }

  get expiresAt(): number {
    return this.arrivedAt + this.#timeoutMs;
  }

  get signal(): AbortSignal {
    if (this.#signal === undefined) {
      const { now, timeout, maxListeners, shutdown } = this.source;
      const ends = [this.request.signal, timeout(Math.max(0, this.expiresAt - now()))];
      if (this.#streamed && shutdown !== undefined) ends.push(shutdown);
      this.#signal = AbortSignal.any(ends);
      if (maxListeners !== undefined) setMaxListeners(maxListeners, this.#signal);
    }
    return this.#signal;
  }

  get streamed(): boolean {
    return this.#streamed;
  }

  /** Execution found the operation answered in parts: it runs under the stream timeout instead. */
  lengthen(timeoutMs: number): void {
    this.#timeoutMs = timeoutMs;
    this.#streamed = true;
  }
}
