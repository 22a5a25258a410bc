import type { Clock } from '../clock.ts';
import type { Admission, CircuitBreaker, CircuitSnapshot, SharedOpen, Verdict } from './circuit-breaker.ts';

/** Where replicas of one tenant keep its open circuit (redis-circuit.ts for REDIS_URL). */
export interface CircuitStore {
  /** The open circuit, if one is stored. */
  read(): Promise<SharedOpen | undefined>;
  /** Open for `forMs`, remembering the interval so the next opening can double it. */
  open(intervalMs: number, forMs: number): Promise<void>;
  /** A probe got an answer: no replica needs to wait any longer. */
  close(): Promise<void>;
}

/** The breaker as the client's layers, `/ready` and `/metrics` use it: in step with other replicas when there is a store. */
export interface Circuit {
  admit(): Promise<Admission>;
  record(verdict: Verdict, admission: Admission): Promise<void>;
  /** The state now, after reading the store if the last read is older than `syncEveryMs`. */
  current(): Promise<CircuitSnapshot>;
  /** The state as last known, without waiting on the store (for metrics read on scrape). */
  snapshot(): CircuitSnapshot;
}

export interface SharedCircuitOptions {
  readonly breaker: CircuitBreaker;
  readonly clock: Clock;
  readonly store?: CircuitStore;
  /** How stale the store's answer may be before an attempt waits to read it again. @default 200 */
  readonly syncEveryMs?: number;
  /**
   * The longest an attempt waits on the store. Past it, or on any store error, this process decides alone: a slow
   * or absent Redis never delays the fast refusal much and never opens the circuit. @default 25
   */
  readonly storeTimeoutMs?: number;
  /** Told when this process's circuit leaves closed or returns to it (a log line; reopenings after failed probes are not news). */
  readonly onChange?: (snapshot: CircuitSnapshot) => void;
}

/** Settles with `work`'s value, or undefined when it fails or `timeoutMs` passes first. */
async function bounded<T>(work: Promise<T>, timeoutMs: number, clock: Clock): Promise<T | undefined> {
  const timer = new AbortController();
  const late = clock.sleep(timeoutMs, timer.signal).then(
    () => undefined,
    () => undefined,
  );
  try {
    return await Promise.race([work.catch(() => undefined), late]);
  } finally {
    timer.abort('settled');
  }
}

/** One breaker per tenant and process, kept in step with the replicas sharing `store` (docs/design.md#when-auth0-is-down). */
export function createSharedCircuit(options: SharedCircuitOptions): Circuit {
  const { breaker, clock, store, syncEveryMs = 200, storeTimeoutMs = 25, onChange } = options;
  let readAt = Number.NEGATIVE_INFINITY;
  let reading: Promise<void> | undefined;

  function notify(before: CircuitSnapshot): CircuitSnapshot {
    const after = breaker.snapshot();
    if ((before.state === 'closed') !== (after.state === 'closed')) onChange?.(after);
    return after;
  }

  function sync(): Promise<void> {
    if (store === undefined || clock.now() - readAt < syncEveryMs) return Promise.resolve();
    reading ??= (async () => {
      const startedAt = clock.now();
      const shared = await bounded(store.read().then((value) => ({ value })), storeTimeoutMs, clock);
      readAt = clock.now();
      const before = breaker.snapshot();
      if (shared !== undefined) breaker.adopt(shared.value, startedAt);
      notify(before);
    })().finally(() => {
      reading = undefined;
    });
    return reading;
  }

  return {
    async admit() {
      await sync();
      return breaker.admit();
    },
    async record(verdict, admission) {
      const before = breaker.snapshot();
      const transition = breaker.record(verdict, admission);
      if (transition === undefined) return;
      const snapshot = notify(before);
      if (store === undefined) return;
      await bounded(transition === 'opened' ? store.open(snapshot.intervalMs, snapshot.retryAfterMs) : store.close(), storeTimeoutMs, clock);
    },
    async current() {
      await sync();
      return breaker.snapshot();
    },
    snapshot: () => breaker.snapshot(),
  };
}
