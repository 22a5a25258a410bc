import { describe, expect, it } from 'vitest';
import { endpointGroupOf } from '../../src/simulator/rate-limit/endpoint-group.ts';
import { RATE_LIMIT_PRESETS } from '../../src/simulator/rate-limit/presets.ts';
import { createRateLimiter } from '../../src/simulator/rate-limit/rate-limiter.ts';
import { createTokenBucket } from '../../src/simulator/rate-limit/token-bucket.ts';

describe('token bucket', () => {
  it('refills per-second buckets continuously', () => {
    const bucket = createTokenBucket({ burst: 2, perSecond: 2 }, 0);
    bucket.take(0);
    bucket.take(0);
    expect(bucket.remaining(0)).toBe(0);
    expect(bucket.remaining(499)).toBe(0);
    expect(bucket.remaining(500)).toBe(1);
    expect(bucket.remaining(10_000)).toBe(2);
  });

  it('refills per-minute buckets in one-second steps and reports when it is full', () => {
    const bucket = createTokenBucket({ burst: 5, perMinute: 60 }, 0);
    for (let i = 0; i < 5; i += 1) bucket.take(0);
    expect(bucket.remaining(999)).toBe(0);
    expect(bucket.remaining(1000)).toBe(1);
    expect(bucket.resetAtSeconds(1000)).toBe(5);
  });
});

describe('rate limiter', () => {
  it('checks the global bucket before the endpoint bucket and charges both only on success', () => {
    let now = 0;
    const limiter = createRateLimiter({ global: { burst: 3, perSecond: 1 }, groups: { users: { burst: 1, perSecond: 1 } } }, () => now);
    expect(limiter.admit('/users', 'users').allowed).toBe(true);
    expect(limiter.admit('/users', 'users').allowed).toBe(false);
    expect(limiter.admit('/roles', 'other').allowed).toBe(true);
    expect(limiter.admit('/roles', 'other').allowed).toBe(true);
    const refused = limiter.admit('/roles', 'other');
    expect(refused.allowed).toBe(false);
    expect(refused.headers['x-ratelimit-limit']).toBe('3');
    now = 1000;
    expect(limiter.admit('/users', 'users').allowed).toBe(true);
  });

  it('uses route buckets finer than the group where the plan has a row', () => {
    const limiter = createRateLimiter(RATE_LIMIT_PRESETS.essentials, () => 0);
    const byId = Array.from({ length: 25 }, () => limiter.admit('/organizations/{id}', 'other').allowed);
    expect(byId.filter(Boolean)).toHaveLength(20);
    const list = Array.from({ length: 8 }, () => limiter.admit('/organizations', 'organizations').allowed);
    expect(list.filter(Boolean)).toHaveLength(5);
  });
});

describe('endpointGroupOf', () => {
  it.each([
    ['/users', 'users'],
    ['/users/{id}', 'users'],
    ['/users-by-email', 'users'],
    ['/organizations', 'organizations'],
    ['/organizations/{id}/members', 'organization-members'],
    ['/organizations/{id}/members/{user_id}/roles', 'member-roles'],
    ['/organizations/{id}', 'other'],
    ['/roles/{id}/users', 'other'],
    ['/users/{id}/roles', 'other'],
  ])('%s → %s', (route, group) => {
    expect(endpointGroupOf(route)).toBe(group);
  });
});
