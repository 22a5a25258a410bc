import type { BudgetSource } from '../auth0/rate-limit/bucket-book.ts';
import type { EndpointGroup } from '../auth0/types.ts';

/** What one rate-limit bucket can deliver: the tokens it holds now, then `perSecond` more each second. */
export interface LaneRate {
  readonly tokens: number;
  readonly perSecond: number;
  /**
   * `assumed`: AUTH0_PLAN=auto before any response's headers, the smallest plan's pace as a guess the first
   * response replaces; the limiter learns the real budget within the request, so a guess refuses nothing.
   */
  readonly source?: BudgetSource;
}

/**
 * The tenant's budget by lane, as the limiter's snapshot gives it: a lane draws on its own entry and on
 * `global`; a lane without an entry is bounded by `global` alone; no entry at all means nothing paces calls.
 */
export type LaneBudgets = Readonly<Partial<Record<EndpointGroup | 'global', LaneRate>>>;

export type CallsByLane = Readonly<Partial<Record<EndpointGroup, number>>>;

/**
 * Seconds the limiter needs to grant `calls` from one bucket: what the tokens in hand do not cover, at its
 * rate. Whole tokens only, as the limiter grants them; a bucket that refills nothing never finishes.
 */
function secondsFrom(calls: number, rate: LaneRate): number {
  const short = calls - Math.max(0, Math.floor(rate.tokens));
  if (short <= 0) return 0;
  return rate.perSecond > 0 ? short / rate.perSecond : Infinity;
}

/**
 * How long the tenant's current budget takes to grant an operation's calls, in seconds: lanes refill in
 * parallel, so the slowest lane decides, and a global bucket they all share must grant the sum. Round trips
 * are not counted: the limiter's waits dominate a request that comes near its deadline, and counting latency
 * would refuse queries that a fast tenant answers.
 */
export function secondsToServe(calls: CallsByLane, budgets: LaneBudgets): number {
  let seconds = 0;
  let total = 0;
  for (const [lane, count] of Object.entries(calls) as [EndpointGroup, number | undefined][]) {
    if (count === undefined || count <= 0) continue;
    total += count;
    const own = budgets[lane];
    if (own !== undefined && own.source !== 'assumed') seconds = Math.max(seconds, secondsFrom(count, own));
  }
  const global = budgets.global;
  return global === undefined || global.source === 'assumed' ? seconds : Math.max(seconds, secondsFrom(total, global));
}

/**
 * The part of a deadline the estimate may fill: a tenth is kept for the round trips and the answer, at most
 * a second, so a 10 s request must be grantable in 9 s and a five-minute stream in 299 s.
 */
export function usableSeconds(deadlineMs: number): number {
  return (deadlineMs - Math.min(1_000, deadlineMs / 10)) / 1_000;
}
