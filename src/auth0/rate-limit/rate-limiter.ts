import { attributeHeaders, isGlobal429 } from './bucket-attribution.ts';
import type { Clock } from '../clock.ts';
import { Auth0Error } from '../errors.ts';
import { correctFromHeaders, createAdaptiveBucket, createLearnedBucket } from './header-correction.ts';
import type { AdaptiveBucket } from './header-correction.ts';
import { decideRateLimited, defaultRateLimitedPolicy } from './decide-rate-limited.ts';
import type { RateLimitedPolicy } from './decide-rate-limited.ts';
import { parseRateLimitHeaders } from './headers.ts';
import type { ResponseHeaders } from './headers.ts';
import type { RateLimitPreset } from './presets.ts';
import type { SharedBucketSpec, SharedBudget } from './shared-budget.ts';
import { pause, take, waitFor } from './token-bucket.ts';
import type { EndpointGroup } from '../types.ts';

export interface AcquireOptions {
  readonly route: string;
  /** Epoch ms; a wait that would end after it is refused at once. */
  readonly deadline: number;
  readonly signal: AbortSignal;
  /** Retries queue ahead of new work. */
  readonly priority: boolean;
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

export interface LimiterSnapshot {
  readonly lanes: Readonly<Partial<Record<EndpointGroup | 'global', { capacity: number; perSecond: number; tokens: number; pausedUntil: number }>>>;
  readonly queued: number;
}

export interface RateLimiterOptions {
  readonly preset: RateLimitPreset;
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
  adaptive: AdaptiveBucket | undefined;
  /** Until the first response with rate-limit headers, one request at a time: its headers size the bucket. */
  calibrated: boolean;
  inFlight: number;
  readonly queue: Waiter[];
  /** A shared-budget take is outstanding for this lane's head. */
  askingShared: boolean;
  /** The shared budget said to wait until then. */
  sharedNotBefore: number;
}

const GROUPS: readonly EndpointGroup[] = ['users', 'organizations', 'organization-members', 'member-roles', 'other'];

/**
 * One limiter per tenant, shared by every request in the process: a lane per Auth0 endpoint bucket under the global
 * bucket. A request takes a token from both. Waiters are granted in order per lane (retries first), and the next
 * wake-up is one timer for the earliest grantable head.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { clock, preset } = options;
  const rateLimited = options.rateLimited ?? defaultRateLimitedPolicy;
  const responseReserveMs = rateLimited.responseReserveMs;
  const start = clock.now();
  const shared = options.shared;
  const sharedRetryMs = options.sharedRetryMs ?? 5_000;
  let sharedDownUntil = 0;
  const newLane = (limit: RateLimitPreset['global']): Lane => ({
    adaptive: limit && createAdaptiveBucket(limit, start),
    calibrated: false,
    inFlight: 0,
    queue: [],
    askingShared: false,
    sharedNotBefore: 0,
  });
  const global = newLane(preset.global);
  const lanes = new Map<EndpointGroup, Lane>(GROUPS.map((group) => [group, newLane(preset.groups[group])]));
  let timer: AbortController | undefined;
  let timerAt = Infinity;

  function laneOf(group: EndpointGroup): Lane {
    const lane = lanes.get(group);
    if (lane === undefined) throw new Error(`unknown endpoint group ${group}`);
    return lane;
  }

  function bucketWait(lane: Lane, now: number): number {
    if (lane.adaptive === undefined) return 0;
    if (!lane.calibrated && lane.inFlight > 0) return Infinity;
    return waitFor(lane.adaptive.bucket, now);
  }

  function waitOf(lane: Lane, waiter: Waiter, now: number): number {
    return Math.max(bucketWait(lane, now), bucketWait(global, now), waiter.options.notBefore - now, lane.sharedNotBefore - now);
  }

  function sharedSpecs(group: EndpointGroup, lane: Lane): SharedBucketSpec[] {
    const specs: SharedBucketSpec[] = [];
    for (const [name, candidate] of [['global', global], [group, lane]] as const) {
      const bucket = candidate.adaptive?.bucket;
      if (bucket !== undefined) specs.push({ name, capacity: bucket.capacity, perSecond: bucket.ratePerMs * 1000 });
    }
    return specs;
  }

  /** Asks the shared budget for the lane's head; grants on success, else waits as long as it says. */
  function askShared(budget: SharedBudget, group: EndpointGroup, lane: Lane): void {
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
    budget.take(sharedSpecs(group, lane)).then(settleAsk, () => {
      // Redis being down must not stop the graph: each replica falls back to its own pacing for a while.
      sharedDownUntil = clock.now() + sharedRetryMs;
      settleAsk(0);
    });
  }

  /** Rough time to serve `ahead` queued requests before this one at the bucket's rate. */
  function estimate(lane: Lane, ahead: number, aheadGlobally: number, notBefore: number, now: number): number {
    const one = (candidate: Lane, queued: number): number => (candidate.adaptive === undefined ? 0 : waitFor(candidate.adaptive.bucket, now, queued + 1));
    return Math.max(one(lane, ahead), one(global, aheadGlobally), notBefore - now, lane.sharedNotBefore - now);
  }

  function grant(lane: Lane, now: number): void {
    const waiter = lane.queue.shift();
    if (waiter === undefined) return;
    waiter.cleanup();
    for (const candidate of [lane, global]) {
      if (candidate.adaptive !== undefined) candidate.adaptive = { ...candidate.adaptive, bucket: take(candidate.adaptive.bucket, now) };
      candidate.inFlight += 1;
    }
    waiter.resolve(now - waiter.enqueuedAt);
  }

  function pump(): void {
    const now = clock.now();
    let next = Infinity;
    let granted = true;
    while (granted) {
      granted = false;
      next = Infinity;
      for (const [group, lane] of lanes.entries()) {
        const head = lane.queue[0];
        if (head === undefined || lane.askingShared) continue;
        const wait = waitOf(lane, head, now);
        if (wait <= 0 && shared !== undefined && now >= sharedDownUntil) {
          askShared(shared, group, lane);
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
    const ahead = acquireOptions.priority ? lane.queue.filter((waiter) => waiter.options.priority).length : lane.queue.length;
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
      const insertAt = acquireOptions.priority ? ahead : lane.queue.length;
      lane.queue.splice(insertAt, 0, waiter);
      pump();
    });
  }

  function describedBy(lane: Lane, limit: number | undefined, now: number): Lane | undefined {
    const attribution = attributeHeaders(limit, lane.adaptive?.configured.burst, global.adaptive?.configured.burst);
    if (attribution === 'learn-lane' && limit !== undefined) {
      lane.adaptive = createLearnedBucket(limit, global.adaptive?.configured.perSecond ?? limit, now);
      return lane;
    }
    return attribution === 'lane' ? lane : attribution === 'global' ? global : undefined;
  }

  function settle(group: EndpointGroup, settlement: Settlement): void {
    const lane = laneOf(group);
    const now = clock.now();
    lane.inFlight = Math.max(0, lane.inFlight - 1);
    global.inFlight = Math.max(0, global.inFlight - 1);
    const headers = parseRateLimitHeaders(settlement.headers, now);
    const target = settlement.status === 0 ? undefined : describedBy(lane, headers.limit, now);
    if (target?.adaptive !== undefined) {
      target.adaptive = correctFromHeaders(target.adaptive, headers, now, {
        inFlight: target.inFlight,
        rateLimited: settlement.status === 429,
        sentAt: settlement.sentAt,
      });
    }
    if (settlement.status !== 0) {
      lane.calibrated = true;
      global.calibrated = true;
    }
    if (settlement.status === 429) {
      const until = now + decideRateLimited(headers, { now, deadline: Infinity, attempt: 1 }, rateLimited).waitMs;
      const paused = new Set([target ?? lane, ...(isGlobal429(settlement.body) ? [global] : [])]);
      for (const candidate of paused) {
        if (candidate.adaptive !== undefined) candidate.adaptive = { ...candidate.adaptive, bucket: pause(candidate.adaptive.bucket, now, until) };
      }
    }
    pump();
  }

  return {
    acquire,
    settle,
    snapshot() {
      const view: Record<string, { capacity: number; perSecond: number; tokens: number; pausedUntil: number }> = {};
      for (const [name, lane] of [['global', global] as const, ...lanes.entries()]) {
        const bucket = lane.adaptive?.bucket;
        if (bucket !== undefined) view[name] = { capacity: bucket.capacity, perSecond: bucket.ratePerMs * 1000, tokens: bucket.tokens, pausedUntil: bucket.pausedUntil };
      }
      let queued = 0;
      for (const lane of lanes.values()) queued += lane.queue.length;
      return { lanes: view, queued };
    },
  };
}
