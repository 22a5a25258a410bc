import { describe, expect, it } from 'vitest';
import { Auth0Error } from '../../src/auth0/errors.ts';
import { decideRetry, defaultRetryPolicy } from '../../src/auth0/retry.ts';
import type { RetryPolicy } from '../../src/auth0/retry.ts';

const now = 1_700_000_000_000;
const policy: RetryPolicy = { ...defaultRetryPolicy, random: () => 0.5 };
const reset = (secondsFromNow: number): string => String((now + secondsFromNow * 1000) / 1000);
const connectionReset = new Auth0Error('AUTH0_UPSTREAM', 'No response', { status: 0 });
const timeout = new Auth0Error('AUTH0_TIMEOUT', 'deadline', { status: 0 });

describe('decideRetry', () => {
  it.each([
    ['429 with Retry-After', 429, 1, { 'retry-after': '2' }, { retry: true, delayMs: 2000, rateLimited: true }],
    ['429 with reset: one of limit tokens due', 429, 1, { 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset(1) }, { retry: true, delayMs: 200, rateLimited: true }],
    ['429 without headers: backoff', 429, 1, {}, { retry: true, delayMs: 188, rateLimited: true }],
    ['429 without headers, third attempt', 429, 3, {}, { retry: true, delayMs: 750, rateLimited: true }],
    ['500 first attempt', 500, 1, {}, { retry: true, delayMs: 188, rateLimited: false }],
    ['503 second attempt', 503, 2, {}, { retry: true, delayMs: 375, rateLimited: false }],
    ['408', 408, 1, {}, { retry: true, delayMs: 188, rateLimited: false }],
    ['501 is not transient', 501, 1, {}, { retry: false, delayMs: 0, rateLimited: false }],
    ['400', 400, 1, {}, { retry: false, delayMs: 0, rateLimited: false }],
    ['401 (handled by the token layer)', 401, 1, {}, { retry: false, delayMs: 0, rateLimited: false }],
    ['403', 403, 1, {}, { retry: false, delayMs: 0, rateLimited: false }],
    ['404', 404, 1, {}, { retry: false, delayMs: 0, rateLimited: false }],
    ['connection reset', connectionReset, 1, {}, { retry: true, delayMs: 188, rateLimited: false }],
    ['own deadline', timeout, 1, {}, { retry: false, delayMs: 0, rateLimited: false }],
    ['attempts exhausted', 503, 4, {}, { retry: false, delayMs: 0, rateLimited: false }],
    ['429 attempts exhausted', 429, 4, {}, { retry: false, delayMs: 0, rateLimited: false }],
  ] as const)('%s', (_name, outcome, attempt, headers, decision) => {
    expect(decideRetry(outcome, attempt, headers, now, policy)).toEqual(decision);
  });

  it('caps backoff and keeps jitter within [half, full] step', () => {
    const low = decideRetry(500, 3, {}, now, { ...policy, maxAttempts: 10, random: () => 0 });
    const high = decideRetry(500, 3, {}, now, { ...policy, maxAttempts: 10, random: () => 0.999 });
    expect(low.delayMs).toBe(500);
    expect(high.delayMs).toBeLessThanOrEqual(1000);
    expect(decideRetry(500, 9, {}, now, { ...policy, maxAttempts: 10, random: () => 0.999 }).delayMs).toBeLessThanOrEqual(policy.maxDelayMs);
  });
});
