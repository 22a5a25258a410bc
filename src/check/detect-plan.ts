import type { Plan } from '../config-types.ts';

/**
 * Guesses the plan from the bucket sizes Auth0 announced in `x-ratelimit-limit` (docs/auth0-api.md#limits-by-plan):
 * Free tenants share a 2-token bucket, Enterprise a 50-token global one, self-service paid plans sit
 * between (10 for most reads, 40 for user reads). Undefined when no header was seen.
 */
export function detectPlan(limits: Iterable<number>): Plan | undefined {
  const values = [...limits];
  if (values.length === 0) return undefined;
  const largest = Math.max(...values);
  if (largest <= 2) return 'free';
  if (largest >= 50) return 'enterprise';
  return 'essentials';
}
