import { describe, expect, it } from 'vitest';
import { Auth0Error } from '../../src/auth0/errors.ts';
import { decideRetry, defaultRetryPolicy } from '../../src/auth0/retry.ts';
import type { RetryPolicy } from '../../src/auth0/retry.ts';

const policy: RetryPolicy = { ...defaultRetryPolicy, random: () => 0.5 };
const connectionReset = new Auth0Error('AUTH0_UPSTREAM', 'No response', { status: 0 });
const timeout = new Auth0Error('AUTH0_TIMEOUT', 'deadline', { status: 0 });
const refused = new Auth0Error('AUTH0_RATE_LIMITED', 'refused', { status: 429, retryAfterMs: 2_000 });

describe('decideRetry', () => {
  it.each([
    ['500 first attempt', 500, 1, { retry: true, delayMs: 188 }],
    ['503 second attempt', 503, 2, { retry: true, delayMs: 375 }],
    ['408', 408, 1, { retry: true, delayMs: 188 }],
    ['501 is not transient', 501, 1, { retry: false, delayMs: 0 }],
    ['400', 400, 1, { retry: false, delayMs: 0 }],
    ['401 (handled by the token layer)', 401, 1, { retry: false, delayMs: 0 }],
    ['403', 403, 1, { retry: false, delayMs: 0 }],
    ['404', 404, 1, { retry: false, delayMs: 0 }],
    ['429 belongs to the throttle', 429, 1, { retry: false, delayMs: 0 }],
    ['a rate-limit refusal is final', refused, 1, { retry: false, delayMs: 0 }],
    ['connection reset', connectionReset, 1, { retry: true, delayMs: 188 }],
    ['own deadline', timeout, 1, { retry: false, delayMs: 0 }],
    ['attempts exhausted', 503, 4, { retry: false, delayMs: 0 }],
  ] as const)('%s', (_name, outcome, attempt, decision) => {
    expect(decideRetry(outcome, attempt, policy)).toEqual(decision);
  });

  it('caps backoff and keeps jitter within [half, full] step', () => {
    const low = decideRetry(500, 3, { ...policy, maxAttempts: 10, random: () => 0 });
    const high = decideRetry(500, 3, { ...policy, maxAttempts: 10, random: () => 0.999 });
    expect(low.delayMs).toBe(500);
    expect(high.delayMs).toBeLessThanOrEqual(1000);
    expect(decideRetry(500, 9, { ...policy, maxAttempts: 10, random: () => 0.999 }).delayMs).toBeLessThanOrEqual(policy.maxDelayMs);
  });
});
