import type { SharedBucketSpec, SharedBudget } from './shared-budget.ts';
import { refill, take, waitFor } from './token-bucket.ts';
import type { BucketState } from './token-bucket.ts';

/** `shared`: grants also take from the replicas' budget in Redis; `local`: Redis is unreachable and this replica paces alone. */
export type SharedMode = 'shared' | 'local';

export interface ReplicaShareState {
  readonly mode: SharedMode;
  /** Replicas alive in Redis at the last report, or AUTH0_GRAPH_REPLICAS before any report answered. */
  readonly replicas: number;
  /** This replica's part of the tenant's rate, 0 to 1. */
  readonly share: number;
}

/** A bucket of the tenant's, as the local limiter sizes it; this replica paces at its share of it. */
export interface ShareBasis {
  readonly name: string;
  readonly capacity: number;
  readonly ratePerMs: number;
}

export interface ReplicaPacingOptions {
  readonly budget: SharedBudget;
  /** Replicas assumed until Redis has counted them (AUTH0_GRAPH_REPLICAS). */
  readonly assumedReplicas: number;
  /** How often the demand is published and the shares read, while calls are asked for. @default 250 */
  readonly reportEveryMs?: number;
  /** The share changed: waiters may be grantable sooner, or later. */
  readonly onShareChange: () => void;
  /** The replica left the shared budget or came back to it. */
  readonly onModeChange?: (state: ReplicaShareState) => void;
}

export interface ReplicaPacing {
  /** A call was asked for: counts towards the demand this replica publishes. */
  arrived(): void;
  /** Publishes the demand and reads the shares when a report is due; the answer also says whether Redis is back. */
  tick(now: number): void;
  /** Milliseconds until this replica's share of every one of these buckets has `count` tokens. */
  waitFor(bases: readonly ShareBasis[], now: number, count?: number): number;
  took(bases: readonly ShareBasis[], now: number): void;
  /** The shared take; a failure switches to local pacing and resolves 0, so the call goes at this replica's share. */
  take(specs: readonly SharedBucketSpec[]): Promise<number>;
  state(): ReplicaShareState;
}

/**
 * A replica asked for nothing lately still weighs as asking this many calls a second: its first call then waits for
 * a token of a small share, not for the next report.
 */
const MIN_DEMAND_PER_SECOND = 1;
/**
 * After an outage, replicas reconnect to Redis one by one: until as many are counted as before it (or this long has
 * passed, for those that are gone), the first back keeps the share it had alone, since the others still pace locally
 * beside the shared budget rather than from it.
 */
const REJOIN_GRACE_MS = 5_000;
/** The demand published is the mean over this many report windows (a second at the default pace). */
const DEMAND_WINDOWS = 4;

/** This replica's part of the budget, its demand listed first: in proportion to what each replica is asked for. */
export function shareOf(demands: readonly number[]): number {
  const weights = demands.map((demand) => Math.max(MIN_DEMAND_PER_SECOND, demand));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return (weights[0] ?? total) / total;
}

/**
 * Each replica paces at its share of the tenant's buckets (docs/design.md#replicas-and-the-shared-budget): with
 * Redis, the shares follow the demand every replica publishes there, and the shared take is the hard bound on their
 * sum; without Redis, the share is an equal part per replica last counted alive, so together they stay within the
 * tenant's rate while nothing coordinates them.
 */
export function createReplicaPacing(options: ReplicaPacingOptions): ReplicaPacing {
  const { budget, assumedReplicas, reportEveryMs = 250, onShareChange, onModeChange } = options;
  let mode: SharedMode = 'shared';
  let counted: number | undefined;
  let share = 1 / assumedReplicas;
  let rejoining = false;
  let held: { readonly replicas: number; readonly until: number } | undefined;
  let reporting = false;
  let arrivals = 0;
  let windowStart: number | undefined;
  /** Arrivals and elapsed time of the last few report windows: one window of 250 ms holds too few calls to weigh by. */
  let recent: { readonly arrivals: number; readonly ms: number }[] = [];
  const buckets = new Map<string, BucketState>();

  function state(): ReplicaShareState {
    return { mode, replicas: counted ?? assumedReplicas, share };
  }

  function goLocal(): void {
    if (mode === 'local') return;
    mode = 'local';
    share = 1 / (counted ?? assumedReplicas);
    onModeChange?.(state());
    onShareChange();
  }

  function answered(demands: readonly number[], now: number): void {
    if (mode === 'local') held = { replicas: counted ?? assumedReplicas, until: now + REJOIN_GRACE_MS };
    if (held !== undefined && (demands.length >= held.replicas || now >= held.until)) held = undefined;
    counted = demands.length;
    share = held === undefined ? shareOf(demands) : Math.min(shareOf(demands), 1 / held.replicas);
    if (mode === 'local') {
      mode = 'shared';
      // Auth0's bucket was spent while Redis was away: the first take lowers the shared one to what the headers say.
      rejoining = true;
      onModeChange?.(state());
    }
    onShareChange();
  }

  function shareBucket(basis: ShareBasis, now: number): BucketState {
    const capacity = Math.max(1, basis.capacity * share);
    const prior = buckets.get(basis.name);
    const current = prior === undefined ? { capacity, ratePerMs: 0, tokens: capacity, updatedAt: now, pausedUntil: 0 } : refill(prior, now);
    const sized = { ...current, capacity, ratePerMs: basis.ratePerMs * share, tokens: Math.min(current.tokens, capacity) };
    buckets.set(basis.name, sized);
    return sized;
  }

  return {
    arrived() {
      arrivals += 1;
    },
    tick(now) {
      if (reporting || (windowStart !== undefined && now - windowStart < reportEveryMs)) return;
      recent = [...recent.slice(1 - DEMAND_WINDOWS), { arrivals, ms: Math.max(reportEveryMs, now - (windowStart ?? now - reportEveryMs)) }];
      const demand = (recent.reduce((sum, window) => sum + window.arrivals, 0) * 1000) / recent.reduce((sum, window) => sum + window.ms, 0);
      arrivals = 0;
      windowStart = now;
      reporting = true;
      budget.report(demand).then(
        (demands) => {
          reporting = false;
          answered(demands, now);
        },
        () => {
          reporting = false;
          goLocal();
        },
      );
    },
    waitFor(bases, now, count = 1) {
      let wait = 0;
      for (const basis of bases) wait = Math.max(wait, waitFor(shareBucket(basis, now), now, count));
      return wait;
    },
    took(bases, now) {
      for (const basis of bases) buckets.set(basis.name, take(shareBucket(basis, now), now));
    },
    async take(specs) {
      const sent = rejoining ? specs : specs.map(({ atMost: _atMost, ...spec }) => spec);
      try {
        const wait = await budget.take(sent);
        rejoining = false;
        return wait;
      } catch {
        goLocal();
        return 0;
      }
    },
    state,
  };
}
