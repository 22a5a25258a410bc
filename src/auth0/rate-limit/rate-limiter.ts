import { isGlobal429 } from './bucket-attribution.ts';
import { createFixedBook, createLearningBook, GROUPS } from './bucket-book.ts';
import type { BucketBook, BudgetSource, Holder } from './bucket-book.ts';
import type { Clock } from '../clock.ts';
import { Auth0Error } from '../errors.ts';
import { correctFromHeaders } from './header-correction.ts';
import { decideRateLimited, defaultRateLimitedPolicy } from './decide-rate-limited.ts';
import type { RateLimitedPolicy } from './decide-rate-limited.ts';
import { parseRateLimitHeaders } from './headers.ts';
import type { ResponseHeaders } from './headers.ts';
import type { BucketLimit, RateLimitPreset } from './presets.ts';
import type { SharedBucketSpec, SharedBudget } from './shared-budget.ts';
import { pause, refill, take, waitFor } from './token-bucket.ts';
import type { EndpointGroup } from '../types.ts';

export interface AcquireOptions {
  readonly route: string;
  /** Epoch ms; a wait that would end after it is refused at once. */
  readonly deadline: number;
  readonly signal: AbortSignal;
  /** Retries queue ahead of new work. */
  readonly priority: boolean;
  /** Queued behind all other work, retries of background work included (the change feed). @default false */
  readonly background?: boolean;
  /** Epoch ms before which this request must not go (a retry waiting for its token). */
  readonly notBefore: number;
}

export interface Settlement {
  /** 0 when no response arrived. */
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly body: unknown;
  /** When the request left, for reading `x-ratelimit-reset` conservatively. */
  readonly sentAt: number;
}

export interface RateLimiter {
  /** Resolves with the milliseconds waited once the request may go; rejects with AUTH0_RATE_LIMITED. */
  acquire(group: EndpointGroup, options: AcquireOptions): Promise<number>;
  /** Reports how a granted request ended, so the buckets correct themselves. */
  settle(group: EndpointGroup, settlement: Settlement): void;
  /** Read-only view for metrics and tests. */
  snapshot(): LimiterSnapshot;
}

export interface LaneBudget {
  /** Tokens the local bucket holds at most (below Auth0's bucket size, for headroom). */
  readonly capacity: number;
  readonly perSecond: number;
  readonly tokens: number;
  readonly pausedUntil: number;
  /** Configured (a plan, the overrides or the ceiling), assumed (`auto` before any header) or learned from headers. */
  readonly source: BudgetSource;
}

export interface LimiterSnapshot {
  /** A lane draws on its own entry and on `global`; a lane without an entry is bounded by `global` alone. */
  readonly lanes: Readonly<Partial<Record<EndpointGroup | 'global', LaneBudget>>>;
  readonly queued: number;
}

export interface RateLimiterOptions {
  /** The buckets to pace by: with `start`, the ceiling learning never passes. */
  readonly preset: RateLimitPreset;
  /**
   * `auto`: the pace before the headers say anything; from then on the lanes take the sizes and the refill rates the
   * headers prove, up to `preset`. Without it the preset is the pace, and the headers can only lower it.
   */
  readonly start?: BucketLimit;
  readonly clock: Clock;
  /**
   * How long a 429 pauses its bucket, and the time kept free before a deadline for the response itself (a request
   * granted at its last moment would spend a token on an answer nobody waits for). @default defaultRateLimitedPolicy
   */
  readonly rateLimited?: RateLimitedPolicy;
  /** A budget shared with other replicas (Redis); every grant also takes a token there. */
  readonly shared?: SharedBudget;
  /** After the shared budget fails, pace locally alone this long before asking it again. @default 5_000 */
  readonly sharedRetryMs?: number;
}

interface Waiter {
  readonly options: AcquireOptions;
  readonly enqueuedAt: number;
  readonly resolve: (waitedMs: number) => void;
  readonly reject: (error: Auth0Error) => void;
  readonly cleanup: () => void;
}

interface Lane {
  readonly group: EndpointGroup;
  /** Until the first response, one request at a time: its headers size the bucket. */
  calibrated: boolean;
  inFlight: number;
  readonly queue: Waiter[];
  /** A shared-budget take is outstanding for this lane's head. */
  askingShared: boolean;
  /** The shared budget said to wait until then. */
  sharedNotBefore: number;
}

/** Where a new waiter queues: background last, retries ahead of new work, new work ahead of background. */
function placeIn(queue: readonly Waiter[], options: AcquireOptions): number {
  if (options.background === true) return queue.length;
  const behind = queue.findIndex((waiter) => (options.priority ? !waiter.options.priority : waiter.options.background === true));
  return behind === -1 ? queue.length : behind;
}

/**
 * One limiter per tenant, shared by every request in the process: a lane per Auth0 endpoint group, each drawing on
 * its buckets and on the global one (bucket-book.ts says which). A request takes a token from each. Waiters are
 * granted in order per lane (retries first), and the next wake-up is one timer for the earliest grantable head.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { clock, preset } = options;
  const rateLimited = options.rateLimited ?? defaultRateLimitedPolicy;
  const responseReserveMs = rateLimited.responseReserveMs;
  const shared = options.shared;
  const sharedRetryMs = options.sharedRetryMs ?? 5_000;
  let sharedDownUntil = 0;
  const book: BucketBook = options.start === undefined ? createFixedBook(preset, clock.now()) : createLearningBook(preset, options.start, clock.now());
  const lanes = new Map<EndpointGroup, Lane>(
    GROUPS.map((group) => [group, { group, calibrated: false, inFlight: 0, queue: [], askingShared: false, sharedNotBefore: 0 }]),
  );
  let globalCalibrated = false;
  let globalInFlight = 0;
  let timer: AbortController | undefined;
  let timerAt = Infinity;

  function laneOf(group: EndpointGroup): Lane {
    const lane = lanes.get(group);
    if (lane === undefined) throw new Error(`unknown endpoint group ${group}`);
    return lane;
  }

  function holdersOf(lane: Lane): readonly Holder[] {
    const own = book.bucketsOf(lane.group);
    return book.global === undefined ? own : [...own, book.global];
  }

  function waitOf(lane: Lane, waiter: Waiter, now: number): number {
    const own = book.bucketsOf(lane.group);
    if ((own.length > 0 && !lane.calibrated && lane.inFlight > 0) || (book.global !== undefined && !globalCalibrated && globalInFlight > 0)) return Infinity;
    let wait = Math.max(waiter.options.notBefore - now, lane.sharedNotBefore - now);
    for (const holder of holdersOf(lane)) wait = Math.max(wait, waitFor(holder.adaptive.bucket, now));
    return wait;
  }

  function sharedSpecs(lane: Lane): SharedBucketSpec[] {
    return holdersOf(lane).map(({ name, adaptive: { bucket } }) => ({ name, capacity: bucket.capacity, perSecond: bucket.ratePerMs * 1000 }));
  }

  /** Asks the shared budget for the lane's head; grants on success, else waits as long as it says. */
  function askShared(budget: SharedBudget, lane: Lane): void {
    lane.askingShared = true;
    const settleAsk = (waitMs: number): void => {
      lane.askingShared = false;
      const now = clock.now();
      if (waitMs <= 0) {
        if (lane.queue.length > 0) grant(lane, now);
      } else {
        lane.sharedNotBefore = now + waitMs;
      }
      pump();
    };
    budget.take(sharedSpecs(lane)).then(settleAsk, () => {
      // Redis being down must not stop the graph: each replica falls back to its own pacing for a while.
      sharedDownUntil = clock.now() + sharedRetryMs;
      settleAsk(0);
    });
  }

  /**
   * Rough time to serve `ahead` queued requests before this one at the buckets' rates. An assumed bucket (`auto`
   * before the lane's first answer) is left out: its pace is a guess the first answer replaces, and refusing by it
   * is what turned a 5/s tenant's 40 calls into 21 refusals; such waiters queue, and the pump refuses them only
   * once their real wait passes the deadline.
   */
  function estimate(lane: Lane, ahead: number, aheadGlobally: number, notBefore: number, now: number): number {
    let wait = Math.max(notBefore - now, lane.sharedNotBefore - now);
    for (const holder of book.bucketsOf(lane.group)) {
      if (book.sourceOf(holder) !== 'assumed') wait = Math.max(wait, waitFor(holder.adaptive.bucket, now, ahead + 1));
    }
    if (book.global !== undefined) wait = Math.max(wait, waitFor(book.global.adaptive.bucket, now, aheadGlobally + 1));
    return wait;
  }

  function grant(lane: Lane, now: number): void {
    const waiter = lane.queue.shift();
    if (waiter === undefined) return;
    waiter.cleanup();
    for (const holder of holdersOf(lane)) {
      holder.adaptive = { ...holder.adaptive, bucket: take(holder.adaptive.bucket, now) };
      holder.inFlight += 1;
    }
    lane.inFlight += 1;
    globalInFlight += 1;
    waiter.resolve(now - waiter.enqueuedAt);
  }

  function pump(): void {
    const now = clock.now();
    let next = Infinity;
    let granted = true;
    while (granted) {
      granted = false;
      next = Infinity;
      for (const lane of lanes.values()) {
        const head = lane.queue[0];
        if (head === undefined || lane.askingShared) continue;
        const wait = waitOf(lane, head, now);
        if (wait <= 0 && shared !== undefined && now >= sharedDownUntil) {
          askShared(shared, lane);
        } else if (wait <= 0) {
          grant(lane, now);
          granted = true;
        } else if (Number.isFinite(wait) && now + wait > head.options.deadline - responseReserveMs) {
          // A 429 pause or a smaller bucket pushed this wait past the deadline: say so now, not at the deadline.
          lane.queue.shift();
          head.cleanup();
          head.reject(refusal(head.options.route, wait));
          granted = true;
        } else {
          next = Math.min(next, wait);
        }
      }
    }
    schedule(now, next);
  }
  function schedule(now: number, inMs: number): void {
    const at = now + inMs;
    if (!Number.isFinite(at) || at >= timerAt) return;
    timer?.abort();
    const controller = new AbortController();
    timer = controller;
    timerAt = at;
    clock.sleep(inMs, controller.signal).then(
      () => {
        if (timer !== controller) return;
        timer = undefined;
        timerAt = Infinity;
        pump();
      },
      () => undefined,
    );
  }

  function refusal(route: string, retryAfterMs: number): Auth0Error {
    return new Auth0Error('AUTH0_RATE_LIMITED', `The Auth0 rate limit leaves no room for GET ${route} before this request's deadline`, {
      route,
      retryAfterMs: Math.max(1, Math.ceil(retryAfterMs)),
    });
  }

  function acquire(group: EndpointGroup, acquireOptions: AcquireOptions): Promise<number> {
    const lane = laneOf(group);
    const now = clock.now();
    const ahead = placeIn(lane.queue, acquireOptions);
    let aheadGlobally = ahead;
    for (const other of lanes.values()) if (other !== lane) aheadGlobally += other.queue.length;
    const expected = estimate(lane, ahead, aheadGlobally, acquireOptions.notBefore, now);
    if (now + expected > acquireOptions.deadline - responseReserveMs) return Promise.reject(refusal(acquireOptions.route, expected));
    if (acquireOptions.signal.aborted) return Promise.reject(refusal(acquireOptions.route, expected));

    return new Promise<number>((resolve, reject) => {
      const onAbort = (): void => {
        const index = lane.queue.indexOf(waiter);
        if (index >= 0) lane.queue.splice(index, 1);
        const current = clock.now();
        reject(refusal(acquireOptions.route, estimate(lane, index, index, acquireOptions.notBefore, current)));
      };
      const waiter: Waiter = {
        options: acquireOptions,
        enqueuedAt: now,
        resolve,
        reject,
        cleanup: () => acquireOptions.signal.removeEventListener('abort', onAbort),
      };
      acquireOptions.signal.addEventListener('abort', onAbort, { once: true });
      lane.queue.splice(ahead, 0, waiter);
      pump();
    });
  }

  function settle(group: EndpointGroup, settlement: Settlement): void {
    const lane = laneOf(group);
    const now = clock.now();
    for (const holder of holdersOf(lane)) holder.inFlight = Math.max(0, holder.inFlight - 1);
    lane.inFlight = Math.max(0, lane.inFlight - 1);
    globalInFlight = Math.max(0, globalInFlight - 1);
    const headers = parseRateLimitHeaders(settlement.headers, now);
    const target = settlement.status === 0 ? undefined : book.describe(group, headers.limit, now);
    if (target !== undefined) {
      target.adaptive = correctFromHeaders(target.adaptive, headers, now, {
        inFlight: target.inFlight,
        rateLimited: settlement.status === 429,
        sentAt: settlement.sentAt,
      });
    }
    if (settlement.status !== 0) {
      lane.calibrated = true;
      globalCalibrated = true;
    }
    if (settlement.status === 429) {
      const until = now + decideRateLimited(headers, { now, deadline: Infinity, attempt: 1 }, rateLimited).waitMs;
      const own = book.bucketsOf(group);
      const paused = new Set([...(target === undefined ? own : [target]), ...(isGlobal429(settlement.body) || own.length === 0 ? [book.global] : [])]);
      for (const holder of paused) {
        if (holder !== undefined) holder.adaptive = { ...holder.adaptive, bucket: pause(holder.adaptive.bucket, now, until) };
      }
    }
    pump();
  }

  return {
    acquire,
    settle,
    snapshot() {
      const now = clock.now();
      const view: Partial<Record<EndpointGroup | 'global', LaneBudget>> = {};
      if (book.global !== undefined) view.global = budgetOf([book.global], now);
      for (const group of GROUPS) {
        const own = book.bucketsOf(group);
        if (own.length > 0) view[group] = budgetOf(own, now);
      }
      let queued = 0;
      for (const lane of lanes.values()) queued += lane.queue.length;
      return { lanes: view, queued };
    },
  };

  /** A lane drawing on several buckets is as fast as the slowest. */
  function budgetOf(holders: readonly Holder[], now: number): LaneBudget {
    const buckets = holders.map((holder) => refill(holder.adaptive.bucket, now));
    const learned = holders.some((holder) => book.sourceOf(holder) === 'learned');
    return {
      capacity: Math.min(...buckets.map((bucket) => bucket.capacity)),
      perSecond: Math.min(...buckets.map((bucket) => bucket.ratePerMs * 1000)),
      tokens: Math.min(...buckets.map((bucket) => bucket.tokens)),
      pausedUntil: Math.max(...buckets.map((bucket) => bucket.pausedUntil)),
      source: learned ? 'learned' : book.sourceOf(holders[0] as Holder),
    };
  }
}
