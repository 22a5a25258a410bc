import { describeBudget } from '../auth0/rate-limit/describe-budget.ts';
import type { LimiterSnapshot } from '../auth0/rate-limit/rate-limiter.ts';

/** Lane sizes and sources: what changes when the headers teach the budget something, and rarely after. */
function shapeOf(snapshot: LimiterSnapshot): string {
  return Object.entries(snapshot.lanes)
    .map(([lane, budget]) => `${lane}:${budget.capacity}:${budget.source}`)
    .join(',');
}

/**
 * Returns a check to run after each upstream call: it reports the budget once a lane's bucket size or source
 * changes, so the log shows what the startup line could only assume. Rates that creep up as the headers prove
 * more are left to /metrics, or every call would log.
 */
export function createBudgetLog(limiter: { snapshot(): LimiterSnapshot }, report: (budget: string) => void): () => void {
  let last = shapeOf(limiter.snapshot());
  return () => {
    const snapshot = limiter.snapshot();
    const shape = shapeOf(snapshot);
    if (shape === last) return;
    last = shape;
    report(describeBudget(snapshot));
  };
}
