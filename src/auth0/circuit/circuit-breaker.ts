import type { Clock } from '../clock.ts';

/**
 * What one attempt showed about Auth0: `down` (5xx, 408, no answer), `up` (any other answer, 4xx and 429
 * included: Auth0 was there to refuse), or `unknown` (nothing was sent, or our own deadline cut it short).
 */
export type Verdict = 'up' | 'down' | 'unknown';

export type CircuitState = 'closed' | 'open' | 'half-open';

/** Whether an attempt may go; a probe is the one attempt a half-open circuit lets through. */
export type Admission =
  | { readonly send: true; readonly probe: boolean }
  | { readonly send: false; readonly retryAfterMs: number };

/** An open circuit as another replica wrote it: how long it stays open, and the interval it was opened for. */
export interface SharedOpen {
  readonly remainingMs: number;
  readonly intervalMs: number;
}

/** A change `record` made that other replicas should hear of. */
export type Transition = 'opened' | 'closed' | undefined;

export interface CircuitSnapshot {
  readonly state: CircuitState;
  /** While open: ms until a probe may go. */
  readonly retryAfterMs: number;
  /** The interval of the current (or last) opening, before jitter. */
  readonly intervalMs: number;
  /** Times this process's circuit went from closed or half-open to open. */
  readonly opens: number;
  /** Attempts refused without being sent. */
  readonly refused: number;
}

export interface CircuitBreakerOptions {
  readonly clock: Clock;
  /** [0, 1); injected so tests pin the jitter. @default Math.random */
  readonly random?: () => number;
  /** Attempts in a row that found Auth0 down before the circuit opens. @default 5 */
  readonly failureThreshold?: number;
  /** The first open interval, short so that a blip costs a quarter second; each failed probe doubles it. @default 250 */
  readonly firstOpenMs?: number;
  /**
   * The longest interval. A request arriving after Auth0 came back is refused until the next probe, so this bounds
   * how late recovery is noticed; one probe a second is still nothing to Auth0 (docs/design.md#when-auth0-is-down).
   * @default 1_000
   */
  readonly maxOpenMs?: number;
}

export interface CircuitBreaker {
  admit(): Admission;
  /** The verdict of an attempt `admit` let through. */
  record(verdict: Verdict, admission: Admission): Transition;
  /**
   * What the shared store said at `readAt` (undefined: no open circuit there). Ignored when this process changed
   * state after the read began, since the store may not have had that change yet.
   */
  adopt(shared: SharedOpen | undefined, readAt: number): void;
  snapshot(): CircuitSnapshot;
}

/**
 * Whether Auth0 is worth calling (docs/design.md#when-auth0-is-down). Closed, it counts attempts in a row that found
 * Auth0 down; at the threshold it opens for an interval (with ±20 % jitter, so replicas that opened together do not
 * probe together). After it, half-open lets one probe through: an answer closes it, a failure reopens it for twice
 * the interval, up to the cap. Pure and synchronous; the shared store is `shared-circuit.ts`'s business.
 */
export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const { clock, random = Math.random, failureThreshold = 5, firstOpenMs = 250, maxOpenMs = 1_000 } = options;
  let open = false;
  let openUntil = 0;
  let intervalMs = firstOpenMs;
  let failures = 0;
  let probing = false;
  let opens = 0;
  let refused = 0;
  let changedAt = Number.NEGATIVE_INFINITY;

  function state(now: number): CircuitState {
    if (!open) return 'closed';
    return now < openUntil ? 'open' : 'half-open';
  }

  function openFor(interval: number, forMs: number, now: number): void {
    if (state(now) !== 'open') opens += 1;
    open = true;
    intervalMs = interval;
    openUntil = now + forMs;
    failures = 0;
    probing = false;
    changedAt = now;
  }

  function openAfterFailure(interval: number, now: number): Transition {
    openFor(interval, Math.round(interval * (0.8 + 0.4 * random())), now);
    return 'opened';
  }

  function close(now: number): Transition {
    open = false;
    intervalMs = firstOpenMs;
    failures = 0;
    probing = false;
    changedAt = now;
    return 'closed';
  }

  return {
    admit() {
      const now = clock.now();
      const current = state(now);
      if (current === 'closed') return { send: true, probe: false };
      if (current === 'open' || probing) {
        refused += 1;
        return { send: false, retryAfterMs: current === 'open' ? openUntil - now : firstOpenMs };
      }
      probing = true;
      return { send: true, probe: true };
    },

    record(verdict, admission) {
      if (!admission.send) return undefined;
      const now = clock.now();
      if (admission.probe) {
        probing = false;
        if (verdict === 'up') return open ? close(now) : undefined;
        if (verdict === 'down') return openAfterFailure(open ? Math.min(maxOpenMs, intervalMs * 2) : firstOpenMs, now);
        return undefined;
      }
      // Attempts sent before the circuit opened may settle after: only the probe speaks for an open circuit.
      if (open) return undefined;
      if (verdict === 'up') failures = 0;
      if (verdict !== 'down') return undefined;
      failures += 1;
      return failures >= failureThreshold ? openAfterFailure(firstOpenMs, now) : undefined;
    },

    adopt(shared, readAt) {
      if (readAt < changedAt) return;
      const now = clock.now();
      if (shared !== undefined) {
        if (!open || now + shared.remainingMs > openUntil) openFor(Math.max(intervalMs, shared.intervalMs), shared.remainingMs, now);
        return;
      }
      // Another replica's probe closed it (the key is deleted on success): one probe of our own confirms.
      if (state(now) === 'open') {
        openUntil = now;
        changedAt = now;
      }
    },

    snapshot() {
      const now = clock.now();
      const current = state(now);
      return { state: current, retryAfterMs: current === 'open' ? openUntil - now : 0, intervalMs, opens, refused };
    },
  };
}
