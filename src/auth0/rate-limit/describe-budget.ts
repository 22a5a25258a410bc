import type { EndpointGroup } from '../types.ts';
import { GROUPS } from './bucket-book.ts';
import type { LimiterSnapshot } from './rate-limiter.ts';

const LANES: readonly (EndpointGroup | 'global')[] = ['global', ...GROUPS];

/** One line per the limiter's current budget, for the `serve` startup line and `check`. Pure. */
export function describeBudget(snapshot: LimiterSnapshot): string {
  const parts = LANES.flatMap((lane) => {
    const budget = snapshot.lanes[lane];
    return budget === undefined ? [] : [`${lane} ${budget.capacity} burst ${Number(budget.perSecond.toFixed(2))}/s ${budget.source}`];
  });
  return parts.length === 0 ? 'unlimited' : parts.join(', ');
}
