/** The burst sizes of a rate budget: the API-wide bucket, if the plan has one, and each endpoint lane's. */
export interface BurstShape {
  readonly global: { readonly burst: number } | undefined;
  readonly groups: Readonly<Partial<Record<string, { readonly burst: number }>>>;
}

/**
 * Below this the pool would queue a single resolver's fan-out (a members page beside a user search and a few
 * roles) even on the Free plan; undici opens sockets only when calls need them, so the floor costs nothing idle.
 */
const MIN_CONNECTIONS = 10;

/**
 * Sockets to the tenant: as many calls as the budget can grant at one instant, so a burst the limiter lets go
 * (41 member counts at once on Enterprise) leaves together instead of queueing behind a fixed pool. Every call
 * takes a token from the global bucket, so with one the burst of that bucket is the bound; without one
 * (Essentials, Professional) each lane bursts on its own and the bound is their sum.
 */
export function upstreamConnectionsFor(budget: BurstShape): number {
  const lanes = Object.values(budget.groups).reduce((sum, lane) => sum + (lane?.burst ?? 0), 0);
  const atOnce = budget.global === undefined ? lanes : budget.global.burst;
  return Math.max(MIN_CONNECTIONS, Math.ceil(atOnce));
}
