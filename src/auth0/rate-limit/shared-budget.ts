/** One bucket of a budget shared between replicas, sized as the local limiter currently sizes it. */
export interface SharedBucketSpec {
  /** Stable name within the tenant, e.g. `global` or `users`. */
  readonly name: string;
  readonly capacity: number;
  readonly perSecond: number;
}

/**
 * A rate budget several processes draw from (docs/design.md#live-and-stateless: replicas share the bucket). The local limiter
 * still paces each process; this makes their sum stay within the tenant's limit.
 */
export interface SharedBudget {
  /** Takes one token from every bucket at once, or none: resolves 0 when taken, else the ms until one would be. */
  take(buckets: readonly SharedBucketSpec[]): Promise<number>;
}
