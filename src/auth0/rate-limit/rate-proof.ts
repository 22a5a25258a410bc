/**
 * What successive `x-ratelimit-remaining` values prove about a bucket's refill rate. Pure.
 *
 * Between Auth0 answering request i and request j (j sent after i's answer came back, so Auth0 handled i first):
 *
 *   tokens_j = tokens_i + refill − taken,   taken ≥ n (our own requests Auth0 surely handled in between, j included)
 *
 * `remaining` is the whole tokens left, so tokens_i < R_i + 1 and tokens_j ≥ R_j, hence
 *
 *   refill > R_j − R_i − 1 + n.
 *
 * Refill is at most rate × time, and the time between the two is at most recv_j − sent_i. Auth0 refills per-minute
 * buckets once a second (docs/auth0-api.md#rate-limits), and an interval of d ms holds at most ceil(d / 1000) such
 * steps, so the time is rounded up to whole seconds; that also holds for per-second buckets, which refill
 * continuously. Others drawing on the tenant only lower R_j, and counting fewer of our requests only lowers n, so
 * every error makes the bound smaller: the rate is at least
 *
 *   (R_j − R_i − 1 + n) / ceil((recv_j − sent_i) / 1 s)   per second.
 *
 * n counts the requests answered after i and before j left, less those that were already in flight when i came
 * back (they may have been handled before i), plus j itself when it took a token (a 429 takes none).
 */
export interface Observation {
  readonly sentAt: number;
  readonly recvAt: number;
  readonly remaining: number;
  /** Auth0 served it, so it took a token. */
  readonly took: boolean;
  /** Requests that took a token, answered up to and including this one. */
  readonly tookThrough: number;
  /** Our requests to this bucket still in flight once this one came back. */
  readonly inFlightAfter: number;
}

/** The log with one more answer; entries older than `memoryMs` and beyond `max` are dropped. */
export function observe(
  log: readonly Observation[],
  next: Omit<Observation, 'tookThrough'>,
  memoryMs: number,
  max = 512,
): readonly Observation[] {
  const tookThrough = (log[log.length - 1]?.tookThrough ?? 0) + (next.took ? 1 : 0);
  const kept = log.filter((entry) => next.recvAt - entry.recvAt <= memoryMs);
  return [...kept.slice(Math.max(0, kept.length - max + 1)), { ...next, tookThrough }];
}

/** The highest refill rate, in tokens per second, that the newest answer and any earlier one prove; undefined if none. */
export function provenRate(log: readonly Observation[]): number | undefined {
  const newest = log[log.length - 1];
  if (newest === undefined) return undefined;
  let answeredBeforeSend = 0;
  for (const entry of log) if (entry !== newest && entry.recvAt < newest.sentAt) answeredBeforeSend = Math.max(answeredBeforeSend, entry.tookThrough);
  let best: number | undefined;
  for (const earlier of log) {
    if (earlier === newest || earlier.recvAt >= newest.sentAt) continue;
    const between = Math.max(0, answeredBeforeSend - earlier.tookThrough - earlier.inFlightAfter) + (newest.took ? 1 : 0);
    const refilled = newest.remaining - earlier.remaining - 1 + between;
    if (refilled <= 0) continue;
    const seconds = Math.max(1, Math.ceil((newest.recvAt - earlier.sentAt) / 1000));
    const rate = refilled / seconds;
    if (best === undefined || rate > best) best = rate;
  }
  return best;
}
