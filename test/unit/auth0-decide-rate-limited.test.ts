import { describe, expect, it } from 'vitest';
import { decideRateLimited, defaultRateLimitedPolicy } from '../../src/auth0/rate-limit/decide-rate-limited.ts';
import { parseRateLimitHeaders } from '../../src/auth0/rate-limit/headers.ts';

const now = 1_700_000_000_000;
const reset = (secondsFromNow: number): string => String((now + secondsFromNow * 1000) / 1000);
const inSeconds = (seconds: number): number => now + seconds * 1000;

describe('decideRateLimited', () => {
  it.each([
    ['Retry-After wins', { 'retry-after': '2' }, inSeconds(10), 1, { retry: true, waitMs: 2_000 }],
    ['reset marks a full bucket: one of limit tokens is due', { 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset(1) }, inSeconds(10), 1, { retry: true, waitMs: 200 }],
    ['reset with tokens already back', { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '8', 'x-ratelimit-reset': reset(2) }, inSeconds(10), 1, { retry: true, waitMs: 1_000 }],
    ['reset already passed: go at once', { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset(-1) }, inSeconds(10), 1, { retry: true, waitMs: 1 }],
    ['no headers: the default pause', {}, inSeconds(10), 1, { retry: true, waitMs: 1_000 }],
    ['no headers, third 429: doubled twice', {}, inSeconds(10), 3, { retry: true, waitMs: 4_000 }],
    ['wait ends after the deadline: refuse with retryAfter', { 'retry-after': '30' }, inSeconds(10), 1, { retry: false, waitMs: 30_000 }],
    ['wait ends inside the response reserve: refuse', { 'retry-after': '1' }, now + 1_050, 1, { retry: false, waitMs: 1_000 }],
    ['wait ends just before the reserve: wait', { 'retry-after': '1' }, now + 1_100, 1, { retry: true, waitMs: 1_000 }],
    ['attempts exhausted: refuse even with time left', { 'retry-after': '1' }, inSeconds(60), 4, { retry: false, waitMs: 1_000 }],
    ['no deadline (the limiter pausing its bucket)', { 'retry-after': '3' }, Infinity, 1, { retry: true, waitMs: 3_000 }],
  ] as const)('%s', (_name, headers, deadline, attempt, decision) => {
    expect(decideRateLimited(parseRateLimitHeaders(headers, now), { now, deadline, attempt })).toEqual(decision);
  });

  it('caps the headerless pause', () => {
    const decision = decideRateLimited(parseRateLimitHeaders({}, now), { now, deadline: Infinity, attempt: 3 }, { ...defaultRateLimitedPolicy, maxAttempts: 10 });
    const later = decideRateLimited(parseRateLimitHeaders({}, now), { now, deadline: Infinity, attempt: 8 }, { ...defaultRateLimitedPolicy, maxAttempts: 10 });
    expect(decision.waitMs).toBe(4_000);
    expect(later.waitMs).toBe(defaultRateLimitedPolicy.maxPauseMs);
  });
});
