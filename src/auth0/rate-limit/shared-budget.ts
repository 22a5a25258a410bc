/** One bucket of a budget shared between replicas, sized as the local limiter currently sizes it. */
export interface SharedBucketSpec {
  /** Stable name within the tenant, e.g. `global` or `users`. */
  readonly name: string;
  readonly capacity: number;
  readonly perSecond: number;
  /**
   * Caps the shared level before the take: what this replica's headers say Auth0 still holds. Sent on the first take
   * after an outage, so the shared bucket does not meet the replicas again full while Auth0's was being spent.
   */
  readonly atMost?: number;
}

/**
 * A rate budget several processes draw from (docs/design.md#live-and-stateless: replicas share the bucket). The local limiter
 * still paces each process; this makes their sum stay within the tenant's limit.
 */
export interface SharedBudget {
  /** Takes one token from every bucket at once, or none: resolves 0 when taken, else the ms until one would be. */
  take(buckets: readonly SharedBucketSpec[]): Promise<number>;
  /**
   * Refreshes this replica's short-lived entry with the calls per second it is being asked for, and resolves with
   * the demand of every replica whose entry is still alive, this one's first.
   */
  report(demandPerSecond: number): Promise<readonly number[]>;
}
