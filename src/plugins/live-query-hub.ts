import { touches } from '../cache/invalidation.ts';
import type { Invalidation, InvalidationBus, ResourceKey } from '../cache/invalidation.ts';
import type { LiveQueryStats } from '../observability/metrics.ts';

/** One run of a watched query: the records it reads, collected while it runs, and its answer. */
export interface LiveRun<R> {
  readonly reads: ReadonlySet<ResourceKey>;
  readonly result: Promise<R>;
}

/** Runs the watched query once; `signal` aborts when its last client leaves or the hub closes. */
export type RunLiveQuery<R> = (signal: AbortSignal) => LiveRun<R>;

export interface LiveTimers {
  now(): number;
  /** Returns the function that cancels it. */
  after(ms: number, task: () => void): () => void;
}

export interface LiveQueryHubOptions {
  readonly bus: InvalidationBus;
  /** AUTH0_GRAPH_FEED_INTERVAL in ms: a watched query runs at most once per interval. */
  readonly intervalMs: number;
  /** AUTH0_GRAPH_LIVE_MAX_QUERIES: clients with a live query open at once. */
  readonly maxOpen: number;
  /** @default real time */
  readonly timers?: LiveTimers;
}

export interface LiveQueryHub<R> {
  /**
   * The answers `key` (a document and its variables) has for one client: the latest at once, then one after each
   * change to what it read. Undefined when `maxOpen` clients are already watching. Ending the iteration (the
   * client going away) leaves; the last client to leave stops its run.
   */
  watch(key: string, run: RunLiveQuery<R>): AsyncIterableIterator<R> | undefined;
  stats(): LiveQueryStats;
  /** Ends every client's answers and stops every run. */
  close(): void;
}

const realTimers: LiveTimers = {
  now: () => Date.now(),
  after(ms, task) {
    const timer = setTimeout(task, ms);
    return () => clearTimeout(timer);
  },
};

/** What one client has not read yet: only the newest answer, since each is whole and replaces the one before. */
class Reader<R> implements AsyncIterableIterator<R> {
  private latest: { readonly value: R } | undefined;
  private waiting: ((next: IteratorResult<R>) => void) | undefined;
  private ended = false;

  constructor(private readonly onLeave: (reader: Reader<R>) => void) {}

  push(value: R): void {
    if (this.ended) return;
    if (this.waiting === undefined) {
      this.latest = { value };
      return;
    }
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve({ value, done: false });
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.latest = undefined;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
  }

  next(): Promise<IteratorResult<R>> {
    if (this.latest !== undefined) {
      const { value } = this.latest;
      this.latest = undefined;
      return Promise.resolve({ value, done: false });
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<R>> {
    this.end();
    this.onLeave(this);
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<R> {
    return this;
  }
}

interface Watched<R> {
  readonly key: string;
  readonly run: RunLiveQuery<R>;
  readonly readers: Set<Reader<R>>;
  /** The last answer, when it was started, and what it read. */
  latest: { readonly value: R; readonly startedAt: number; readonly reads: ReadonlySet<ResourceKey> } | undefined;
  running: { readonly reads: ReadonlySet<ResourceKey>; readonly abort: AbortController } | undefined;
  lastStartedAt: number;
  /** A change touched what it read since its last run started. */
  changed: boolean;
  cancelTimer: (() => void) | undefined;
}

/**
 * Live queries, one run per document and variables however many clients watch it (docs/design.md#live-queries):
 * the first client's arrival runs it, later clients get its latest answer, and an invalidation on the bus that
 * touches anything its last run read runs it once more for all of them, no sooner than `intervalMs` after the run
 * before. Runs go through whatever `run` calls, so through the process's one rate budget.
 */
export function createLiveQueryHub<R>({ bus, intervalMs, maxOpen, timers = realTimers }: LiveQueryHubOptions): LiveQueryHub<R> {
  const watched = new Map<string, Watched<R>>();
  let open = 0;
  let reruns = 0;

  const start = (query: Watched<R>): void => {
    query.cancelTimer = undefined;
    const rerun = query.latest !== undefined;
    query.changed = false;
    query.lastStartedAt = timers.now();
    const abort = new AbortController();
    const { reads, result } = query.run(abort.signal);
    const startedAt = query.lastStartedAt;
    query.running = { reads, abort };
    if (rerun) reruns += 1;
    void result.then(
      (value) => {
        query.running = undefined;
        if (abort.signal.aborted) return;
        query.latest = { value, startedAt, reads };
        for (const reader of query.readers) reader.push(value);
        if (query.changed) schedule(query);
      },
      () => {
        // Failures come as results with errors; a run that failed outright (its clients left) pushes nothing, and
        // the next change runs it again.
        query.running = undefined;
        if (!abort.signal.aborted && query.changed) schedule(query);
      },
    );
  };

  const schedule = (query: Watched<R>): void => {
    if (query.running !== undefined) {
      query.changed = true;
      return;
    }
    if (query.cancelTimer !== undefined) return;
    const wait = Math.max(0, query.lastStartedAt + intervalMs - timers.now());
    query.cancelTimer = timers.after(wait, () => start(query));
  };

  const leave = (query: Watched<R>, reader: Reader<R>): void => {
    if (!query.readers.delete(reader)) return;
    open -= 1;
    if (query.readers.size > 0) return;
    query.cancelTimer?.();
    query.running?.abort.abort();
    watched.delete(query.key);
  };

  const onInvalidation = ({ keys }: Invalidation): void => {
    for (const query of watched.values()) {
      // A run in progress may have read a record before this change: it is checked against what it read so far.
      const reads = query.running?.reads ?? query.latest?.reads;
      if (reads === undefined) continue;
      if (keys.some((invalidated) => [...reads].some((read) => touches(invalidated, read)))) schedule(query);
    }
  };
  const unsubscribe = bus.subscribe(onInvalidation);

  return {
    watch(key, run) {
      if (open >= maxOpen) return undefined;
      let query = watched.get(key);
      if (query === undefined) {
        query = { key, run, readers: new Set(), latest: undefined, running: undefined, lastStartedAt: -Infinity, changed: false, cancelTimer: undefined };
        watched.set(key, query);
      }
      const joined = query;
      const reader = new Reader<R>((left) => leave(joined, left));
      joined.readers.add(reader);
      open += 1;
      if (joined.latest !== undefined) reader.push(joined.latest.value);
      // The first client starts it; a client joining a run in progress gets that run's answer.
      if (joined.latest === undefined && joined.running === undefined && joined.cancelTimer === undefined) start(joined);
      return reader;
    },
    stats() {
      let pending = 0;
      for (const query of watched.values()) if (query.running !== undefined || query.cancelTimer !== undefined) pending += 1;
      return { open, watched: watched.size, pending, reruns };
    },
    close() {
      unsubscribe();
      for (const query of [...watched.values()]) for (const reader of [...query.readers]) void reader.return();
    },
  };
}
