import type { EndpointGroup } from '../../auth0/types.ts';
import type { RateLimitConfig } from './presets.ts';
import { createTokenBucket, type BucketSpec, type TokenBucket } from './token-bucket.ts';

export interface RateDecision {
  readonly allowed: boolean;
  /** `x-ratelimit-*` of the bucket that decided (the endpoint bucket when there is one). */
  readonly headers: Readonly<Record<string, string>>;
  /** Seconds until the deciding bucket has a token again; for the optional `Retry-After`. */
  readonly retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Checks the global bucket, then the endpoint bucket; takes a token from both only when both allow. */
  admit(route: string, group: EndpointGroup): RateDecision;
  /** Size of the bucket that decides for this route (what `x-ratelimit-limit` reports), if any. */
  bucketSize(route: string, group: EndpointGroup): number | undefined;
}

/** The route's own bucket if the config names it, else its group's: the bucket that decides after the global one. */
export function endpointBucketSpec(config: RateLimitConfig, route: string, group: EndpointGroup): { key: string; spec: BucketSpec } | undefined {
  const own = config.routes?.[route];
  if (own !== undefined) return { key: own.row === undefined ? `route:${route}` : `row:${own.row}`, spec: own };
  const spec = config.groups?.[group];
  return spec === undefined ? undefined : { key: `group:${group}`, spec };
}

/** The deciding bucket's size under `config`: the endpoint bucket where there is one, else the global one. */
export function decidingBucketSize(config: RateLimitConfig, route: string, group: EndpointGroup): number | undefined {
  return (endpointBucketSpec(config, route, group)?.spec ?? config.global)?.burst;
}

function headersOf(bucket: TokenBucket, nowMs: number): Record<string, string> {
  return {
    'x-ratelimit-limit': String(bucket.limit),
    'x-ratelimit-remaining': String(Math.max(bucket.remaining(nowMs), 0)),
    'x-ratelimit-reset': String(bucket.resetAtSeconds(nowMs)),
  };
}

function secondsToNextToken(spec: BucketSpec): number {
  const perSecond = spec.perSecond ?? (spec.perMinute ?? 0) / 60;
  return perSecond > 0 ? Math.max(1, Math.ceil(1 / perSecond)) : 1;
}

export function createRateLimiter(config: RateLimitConfig, now: () => number): RateLimiter {
  const start = now();
  const global = config.global === undefined ? undefined : { spec: config.global, bucket: createTokenBucket(config.global, start) };
  const buckets = new Map<string, { spec: BucketSpec; bucket: TokenBucket }>();
  const endpointBucket = (route: string, group: EndpointGroup): { spec: BucketSpec; bucket: TokenBucket } | undefined => {
    const found = endpointBucketSpec(config, route, group);
    if (found === undefined) return undefined;
    const { key, spec } = found;
    let entry = buckets.get(key);
    if (entry === undefined) {
      entry = { spec, bucket: createTokenBucket(spec, start) };
      buckets.set(key, entry);
    }
    return entry;
  };

  return {
    bucketSize: (route, group) => decidingBucketSize(config, route, group),
    admit(route, group) {
      const nowMs = now();
      const endpoint = endpointBucket(route, group);
      const deciding = endpoint ?? global;
      if (deciding === undefined) return { allowed: true, headers: {}, retryAfterSeconds: 0 };
      for (const entry of [global, endpoint]) {
        if (entry !== undefined && entry.bucket.remaining(nowMs) < 1) {
          return { allowed: false, headers: headersOf(entry.bucket, nowMs), retryAfterSeconds: secondsToNextToken(entry.spec) };
        }
      }
      global?.bucket.take(nowMs);
      endpoint?.bucket.take(nowMs);
      return { allowed: true, headers: headersOf(deciding.bucket, nowMs), retryAfterSeconds: 0 };
    },
  };
}
