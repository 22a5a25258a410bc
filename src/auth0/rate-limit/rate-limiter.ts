import { isGlobal429 } from './bucket-attribution.ts';
import { createFixedBook, createLearningBook, GROUPS } from './bucket-book.ts';
import type { BucketBook, BudgetSource, Holder } from './bucket-book.ts';
import type { Clock } from '../clock.ts';
import { Auth0Error } from '../errors.ts';
import { correctFromHeaders } from './header-correction.ts';
import { decideRateLimited, defaultRateLimitedPolicy } from './decide-rate-limited.ts';
import type { RateLimitedPolicy } from './decide-rate-limited.ts';
import { compareKeys, createFairOrder } from './fair-order.ts';
import type { FairKey } from './fair-order.ts';
import { parseRateLimitHeaders } from './headers.ts';
import type { ResponseHeaders } from './headers.ts';
import type { BucketLimit, RateLimitPreset } from './presets.ts';
import { createReplicaPacing } from './replica-pacing.ts';
import type { ReplicaPacing, ReplicaShareState, ShareBasis } from './replica-pacing.ts';
import type { SharedBucketSpec, SharedBudget } from './shared-budget.ts';
import { pause, refill, take, waitFor } from './token-bucket.ts';
import { createShapeShares } from './shape-shares.ts';
import type { EndpointGroup, Flow } from '../types.ts';

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
  /**
   * Whose work this is (one GraphQL request's): calls of different flows take turns (fair-order.ts), and only the
   * wait behind other flows counts against `maxQueueMs`. Calls without one form a single flow of their own.
   */
  readonly flow?: Flow;
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
  /** With a shared budget: whether it is reachable, and this replica's share of the tenant's rate. */
  readonly shared?: ReplicaShareState;
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
  /** A budget shared with other replicas (Redis); every grant also takes a token there, and paces at this replica's share. */
  readonly shared?: SharedBudget;
  /** Replicas assumed while the shared budget is unreachable and has not counted them yet. @default 3 */
  readonly assumedReplicas?: number;
  /** The shared budget became unreachable, or answered again. */
  readonly onSharedModeChange?: (state: ReplicaShareState) => void;
  /**
   * The longest a call may wait behind other flows' calls (AUTH0_GRAPH_MAX_QUEUE_MS); a call whose wait would be
   * longer is refused at once, and one whose wait grows past it while queued is refused then.
   * @default Infinity: the deadline alone bounds the wait
   */
  readonly maxQueueMs?: number;
  /** Told of every refusal, for the refusal metric; the limiter itself never logs. */
  readonly onRefused?: (group: EndpointGroup, reason: RefusalReason) => void;
}

/** `deadline`: the budget cannot grant the call before its deadline; `queue`: other work is ahead for longer than `maxQueueMs`. */
export type RefusalReason = 'deadline' | 'queue';

/** Queued calls ahead on a bucket. */
type Ahead = (holder: Holder) => number;

/** Calls that bring no flow share this one. */
const UNATTRIBUTED: Flow = { shape: '' };

/**
 * A full queue makes room for a kind of work whose share of admitted calls trails another's by more than this
 * factor: enough to hold every kind near the same share of its demand, without trading places over noise.
 */
const TRAILING = 1.1;

interface Waiter {
  readonly options: AcquireOptions;
  readonly flow: Flow;
  readonly key: FairKey;
  /** Epoch ms after which a grant comes too late: its deadline, or the queue bound past its own flow's wait. */
  readonly latestGrant: number;
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
  /** Sorted by fair key: the head is the next to go. */
  readonly queue: Waiter[];
  /** A shared-budget take is outstanding for this lane's head. */
  askingShared: boolean;
  /** The shared budget said to wait until then. */
  sharedNotBefore: number;
}

/**
 * One limiter per tenant, shared by every request in the process: a lane per Auth0 endpoint group, each drawing on
 * its buckets and on the global one (bucket-book.ts says which). A request takes a token from each. Waiters are
 * granted in fair order (fair-order.ts) across lanes: of the lane heads that could go now, the one whose turn comes
 * first, so no lane and no request crowds out the others. The next wake-up is one timer for the earliest head.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { clock, preset } = options;
  const rateLimited = options.rateLimited ?? defaultRateLimitedPolicy;
  const responseReserveMs = rateLimited.responseReserveMs;
  const pacing: ReplicaPacing | undefined =
    options.shared &&
    createReplicaPacing({
      budget: options.shared,
      assumedReplicas: options.assumedReplicas ?? 3,
      onShareChange: () => pump(),
      onModeChange: options.onSharedModeChange,
    });
  const maxQueueMs = options.maxQueueMs ?? Infinity;
  // A tenth of the bound (at least the response reserve) is kept for the call and the answer, as the cost check
  // keeps a tenth of the deadline: the caller's wait for the answer, not for the grant, is what the bound promises.
  const queueWaitMs = Number.isFinite(maxQueueMs) ? Math.max(0, maxQueueMs - Math.max(responseReserveMs, maxQueueMs / 10)) : Infinity;
  const fair = createFairOrder();
  const shares = createShapeShares();
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

  /** `atMost`: the tokens this replica's headers leave Auth0's bucket, which bound the shared one when it is met again. */
  function sharedSpecs(lane: Lane, now: number): SharedBucketSpec[] {
    return holdersOf(lane).map(({ name, adaptive: { bucket } }) => ({
      name,
      capacity: bucket.capacity,
      perSecond: bucket.ratePerMs * 1000,
      atMost: refill(bucket, now).tokens,
    }));
  }

  function basesOf(lane: Lane): ShareBasis[] {
    return holdersOf(lane).map(({ name, adaptive: { bucket } }) => ({ name, capacity: bucket.capacity, ratePerMs: bucket.ratePerMs }));
  }

  /** Asks the shared budget for the lane's head; grants on success, else waits as long as it says. */
  function askShared(sharedPacing: ReplicaPacing, lane: Lane, now: number): void {
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
    // Redis being down must not stop the graph: a failed take resolves 0, and the pacing goes local at this replica's share.
    void sharedPacing.take(sharedSpecs(lane, now)).then(settleAsk);
  }

  /**
   * Rough time to serve `ahead` queued requests before this one at the buckets' rates. An assumed bucket (`auto`
   * before the lane's first answer) is left out: its pace is a guess the first answer replaces, and refusing by it
   * is what turned a 5/s tenant's 40 calls into 21 refusals; such waiters queue, and the pump refuses them only
   * once their real wait passes the deadline.
   */
  function estimate(lane: Lane, ahead: Ahead, notBefore: number, now: number): number {
    let wait = Math.max(notBefore - now, lane.sharedNotBefore - now);
    for (const holder of book.bucketsOf(lane.group)) {
      if (book.sourceOf(holder) !== 'assumed') wait = Math.max(wait, waitFor(holder.adaptive.bucket, now, ahead(holder) + 1));
    }
    if (book.global !== undefined) wait = Math.max(wait, waitFor(book.global.adaptive.bucket, now, ahead(book.global) + 1));
    if (pacing !== undefined) wait = Math.max(wait, pacing.waitFor(basesOf(lane), now, Math.max(0, ...holdersOf(lane).map(ahead)) + 1));
    return wait;
  }


  /** Takes a waiter out of its lane's queue, whether granted, refused or gone. */
  function remove(lane: Lane, waiter: Waiter, granted: boolean): void {
    const index = lane.queue.indexOf(waiter);
    if (index >= 0) lane.queue.splice(index, 1);
    waiter.cleanup();
    fair.leave(waiter.flow, waiter.key, granted);
  }

  function refuse(lane: Lane, waiter: Waiter, reason: RefusalReason, retryAfterMs: number): void {
    remove(lane, waiter, false);
    shares.admitted(waiter.flow.shape, clock.now(), -1);
    options.onRefused?.(lane.group, reason);
    waiter.reject(refusal(waiter.options.route, retryAfterMs, reason));
  }

  function grant(lane: Lane, now: number): void {
    const waiter = lane.queue[0];
    if (waiter === undefined) return;
    remove(lane, waiter, true);
    for (const holder of holdersOf(lane)) {
      holder.adaptive = { ...holder.adaptive, bucket: take(holder.adaptive.bucket, now) };
      holder.inFlight += 1;
    }
    pacing?.took(basesOf(lane), now);
    lane.inFlight += 1;
    globalInFlight += 1;
    waiter.resolve(now - waiter.enqueuedAt);
  }

  /** Why a grant at `at` comes too late for the waiter, if it does. */
  function lateness(waiter: Waiter, at: number): RefusalReason | undefined {
    if (at <= waiter.latestGrant) return undefined;
    return at > waiter.options.deadline - responseReserveMs ? 'deadline' : 'queue';
  }

  function pump(): void {
    const now = clock.now();
    let next = Infinity;
    let progressed = true;
    pacing?.tick(now);
    while (progressed) {
      progressed = false;
      next = Infinity;
      let first: { lane: Lane; head: Waiter } | undefined;
      for (const lane of lanes.values()) {
        const head = lane.queue[0];
        if (head === undefined || lane.askingShared) continue;
        const wait = pacing === undefined ? waitOf(lane, head, now) : Math.max(waitOf(lane, head, now), pacing.waitFor(basesOf(lane), now));
        // A 429 pause or a smaller bucket pushed this wait (and every wait behind it) too far: say so now. A head
        // that can go now goes, even a moment past its bound: refusing it would save nothing.
        const late = wait <= 0 ? undefined : lateness(head, Number.isFinite(wait) ? now + wait : now);
        if (late !== undefined) {
          refuse(lane, head, late, Number.isFinite(wait) ? wait : 1);
          progressed = true;
        } else if (wait <= 0) {
          if (first === undefined || compareKeys(head.key, first.head.key) < 0) first = { lane, head };
        } else {
          next = Math.min(next, wait);
        }
        // Waiters behind the head whose bound has passed (later flows took turns ahead of them) go now too.
        for (const waiter of lane.queue.slice(1)) {
          const expired = lateness(waiter, now);
          if (expired !== undefined) {
            refuse(lane, waiter, expired, waitOf(lane, waiter, now));
            progressed = true;
          } else if (Number.isFinite(waiter.latestGrant)) {
            next = Math.min(next, waiter.latestGrant - now + 1);
          }
        }
      }
      if (first === undefined) continue;
      progressed = true;
      if (pacing?.state().mode === 'shared') askShared(pacing, first.lane, now);
      else grant(first.lane, now);
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

  function refusal(route: string, retryAfterMs: number, reason: RefusalReason = 'deadline'): Auth0Error {
    const message =
      reason === 'queue'
        ? `Other requests hold the Auth0 rate budget longer than GET ${route} may queue`
        : `The Auth0 rate limit leaves no room for GET ${route} before this request's deadline`;
    return new Auth0Error('AUTH0_RATE_LIMITED', message, {
      route,
      retryAfterMs: Math.max(1, Math.ceil(retryAfterMs)),
    });
  }

  /**
   * The queued calls that go before `key`, counted per bucket they draw on (lanes that share a bucket share its
   * queue), all of them and `flow`'s own; and where `key` goes in its lane's queue.
   */
  function positionOf(lane: Lane, key: FairKey, flow: Flow): { all: Map<Holder, number>; own: Map<Holder, number>; index: number } {
    const all = new Map<Holder, number>();
    const own = new Map<Holder, number>();
    let index = 0;
    for (const other of lanes.values()) {
      const holders = holdersOf(other);
      for (const waiter of other.queue) {
        if (compareKeys(waiter.key, key) >= 0) continue;
        if (other === lane) index += 1;
        for (const holder of holders) {
          all.set(holder, (all.get(holder) ?? 0) + 1);
          if (waiter.flow === flow) own.set(holder, (own.get(holder) ?? 0) + 1);
        }
      }
    }
    return { all, own, index };
  }

  /**
   * When the queue is full, the queued call that gives way to a new one of a kind of work refused more often
   * lately: the last queued of a kind whose admitted share is ahead of the newcomer's by more than TRAILING, sharing
   * a bucket with it. Retries and the newcomer's own request keep their places.
   */
  function victimFor(lane: Lane, key: FairKey, flow: Flow, standing: number, now: number): { lane: Lane; waiter: Waiter } | undefined {
    let victim: { lane: Lane; waiter: Waiter } | undefined;
    for (const other of lanes.values()) {
      if (!sharesBucket(other, lane)) continue;
      for (const waiter of other.queue) {
        if (waiter.key.priority || waiter.flow === flow || waiter.flow.shape === flow.shape || compareKeys(waiter.key, key) >= 0) continue;
        if (shares.ratio(waiter.flow.shape, now) <= standing * TRAILING) continue;
        if (victim === undefined || compareKeys(waiter.key, victim.waiter.key) > 0) victim = { lane: other, waiter };
      }
    }
    return victim;
  }

  function sharesBucket(a: Lane, b: Lane): boolean {
    const theirs = holdersOf(b);
    return a === b || holdersOf(a).some((holder) => theirs.includes(holder));
  }

  function acquire(group: EndpointGroup, acquireOptions: AcquireOptions): Promise<number> {
    const lane = laneOf(group);
    const now = clock.now();
    pacing?.arrived();
    const flow = acquireOptions.flow ?? UNATTRIBUTED;
    const standing = shares.ratio(flow.shape, now);
    shares.asked(flow.shape, now);
    const key = fair.enter(flow, acquireOptions.priority, acquireOptions.background === true);
    const position = positionOf(lane, key, flow);
    const count = (counts: Map<Holder, number>): Ahead => (holder) => counts.get(holder) ?? 0;
    let expected = estimate(lane, count(position.all), acquireOptions.notBefore, now);
    // The request's own earlier calls are its cost, weighed against its deadline before it ran (cost/time-to-serve.ts);
    // the queue bound is about the others ahead of it. A retry has queued once already: its deadline alone bounds it.
    const ownWait = position.own.size === 0 ? 0 : estimate(lane, count(position.own), 0, now) - estimate(lane, () => 0, 0, now);
    // A streamed operation asked to wait as the budget allows (its own, longer deadline bounds it); a retry has queued once.
    const queueBound = acquireOptions.priority || flow.patient === true ? Infinity : now + ownWait + queueWaitMs;
    const latestGrant = Math.min(acquireOptions.deadline - responseReserveMs, queueBound);
    let late: RefusalReason | undefined = now + expected > latestGrant ? (now + expected > acquireOptions.deadline - responseReserveMs ? 'deadline' : 'queue') : undefined;
    const victim = late === 'queue' ? victimFor(lane, key, flow, standing, now) : undefined;
    if (victim !== undefined) {
      const freed = holdersOf(victim.lane);
      const instead = estimate(lane, (holder) => (position.all.get(holder) ?? 0) - (freed.includes(holder) ? 1 : 0), acquireOptions.notBefore, now);
      if (now + instead <= latestGrant) {
        refuse(victim.lane, victim.waiter, 'queue', instead);
        if (victim.lane === lane) position.index -= 1;
        expected = instead;
        late = undefined;
      }
    }
    if (late !== undefined || acquireOptions.signal.aborted) {
      fair.leave(flow, key, false);
      if (late !== undefined) options.onRefused?.(group, late);
      return Promise.reject(refusal(acquireOptions.route, expected, late));
    }

    return new Promise<number>((resolve, reject) => {
      const onAbort = (): void => {
        const index = lane.queue.indexOf(waiter);
        remove(lane, waiter, false);
        reject(refusal(acquireOptions.route, estimate(lane, () => index, acquireOptions.notBefore, clock.now())));
      };
      const waiter: Waiter = {
        options: acquireOptions,
        flow,
        key,
        latestGrant,
        enqueuedAt: now,
        resolve,
        reject,
        cleanup: () => acquireOptions.signal.removeEventListener('abort', onAbort),
      };
      acquireOptions.signal.addEventListener('abort', onAbort, { once: true });
      lane.queue.splice(position.index, 0, waiter);
      shares.admitted(flow.shape, now, 1);
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
        // Alone on Redis, the headers still describe only this replica's spending.
        sharedWithOthers: (pacing?.state().replicas ?? 1) > 1,
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
      return pacing === undefined ? { lanes: view, queued } : { lanes: view, queued, shared: pacing.state() };
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
