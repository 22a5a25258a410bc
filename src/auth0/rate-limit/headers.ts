/** Response headers with lower-case names, as undici delivers them. */
export type ResponseHeaders = Readonly<Record<string, string | undefined>>;

export interface RateLimitHeaders {
  /** Bucket size. */
  readonly limit: number | undefined;
  /** Tokens left after this request. */
  readonly remaining: number | undefined;
  /** Epoch milliseconds; Auth0 sends epoch seconds. */
  readonly resetAt: number | undefined;
  /** Milliseconds from `Retry-After`, which Auth0 is not known to send but SDKs honour (docs/auth0-api.md#buckets-and-headers). */
  readonly retryAfterMs: number | undefined;
}

function toNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function retryAfterMs(value: string | undefined, now: number): number | undefined {
  const seconds = toNumber(value);
  if (seconds !== undefined) return Math.max(0, seconds * 1000);
  if (value === undefined) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-use-cases */
export function parseRateLimitHeaders(headers: ResponseHeaders, now: number): RateLimitHeaders {
  const reset = toNumber(headers['x-ratelimit-reset']);
  return {
    limit: toNumber(headers['x-ratelimit-limit']),
    remaining: toNumber(headers['x-ratelimit-remaining']),
    resetAt: reset === undefined ? undefined : reset * 1000,
    retryAfterMs: retryAfterMs(headers['retry-after'], now),
  };
}

/**
 * How long until the bucket that sent a 429 has one token again, or undefined when the headers don't say.
 * `x-ratelimit-reset` marks when the bucket is full again, not when the next token arrives
 * (https://github.com/auth0/node-auth0/pull/538), so one token is due after 1/limit of that span.
 */
export function tokenDueInMs(headers: RateLimitHeaders, now: number): number | undefined {
  if (headers.retryAfterMs !== undefined) return headers.retryAfterMs;
  if (headers.resetAt === undefined) return undefined;
  const untilFull = Math.max(0, headers.resetAt - now);
  const missing = headers.limit === undefined ? 1 : Math.max(1, headers.limit - (headers.remaining ?? 0));
  return Math.ceil(untilFull / missing);
}
