import { describe, expect, it } from 'vitest';
import { endpointGroupOf, limitKeyOf } from '../../src/simulator/rate-limit/endpoint-group.ts';
import { RATE_LIMIT_PRESETS } from '../../src/simulator/rate-limit/presets.ts';
import { createRateLimiter, endpointBucketSpec } from '../../src/simulator/rate-limit/rate-limiter.ts';
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
    ['/users/{id}', 'other'],
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

describe('plan presets (docs/auth0-api.md#limits-by-plan)', () => {
  // [route, essentials/professional bucket, enterprise bucket]; "global" means only the API-wide bucket limits it.
  it.each([
    ['/users', '40/500', 'global'],
    ['/users/{id}', '10/150', 'global'],
    ['/organizations', '5/50', '10/100'],
    ['/organizations/{id}', '20/200', '10/100'],
    ['/organizations/name/{name}', '10/100', '20/200'],
    ['/organizations/{id}/members', '20/200', '40/500'],
    ['/organizations/{id}/members/{user_id}/roles', '20/200', '20/200'],
    ['/organizations/{id}/enabled_connections', '5/50', '10/100'],
    ['/organizations/{id}/invitations', '10/150', '20/200'],
    ['/users/{id}/organizations', '10/150', '40/500'],
    ['/clients', '5/100', 'global'],
    ['/connections', '5/50', 'global'],
    ['/roles', '10/150', 'global'],
    ['/stats/daily', '10/150', 'global'],
  ])('%s: essentials %s, enterprise %s', (route, paid, enterprise) => {
    const describeBucket = (plan: 'essentials' | 'enterprise'): string => {
      const found = endpointBucketSpec(RATE_LIMIT_PRESETS[plan], route, endpointGroupOf(route));
      return found === undefined ? 'global' : `${found.spec.burst}/${found.spec.perMinute ?? 0}`;
    };
    expect(describeBucket('essentials')).toBe(paid);
    expect(RATE_LIMIT_PRESETS.professional).toBe(RATE_LIMIT_PRESETS.essentials);
    expect(describeBucket('enterprise')).toBe(enterprise);
  });

  it('puts invitations in the same bucket as every other endpoint without a row on essentials', () => {
    const limiter = createRateLimiter(RATE_LIMIT_PRESETS.essentials, () => 0);
    for (let i = 0; i < 10; i += 1) expect(limiter.admit('/roles', 'other').allowed).toBe(true);
    expect(limiter.admit('/organizations/{id}/invitations', 'other').allowed).toBe(false);
    expect(limiter.admit('/users/{id}', endpointGroupOf('/users/{id}')).allowed).toBe(false);
  });

  it('has an API-wide bucket on free (2 burst, 2/s) and enterprise (50 burst, 16/s) only', () => {
    expect(RATE_LIMIT_PRESETS.free).toEqual({ global: { burst: 2, perSecond: 2 } });
    expect(RATE_LIMIT_PRESETS.enterprise.global).toEqual({ burst: 50, perSecond: 16 });
    expect(RATE_LIMIT_PRESETS.essentials.global).toBeUndefined();
  });
});

describe('write rows', () => {
  const key = (plan: keyof typeof RATE_LIMIT_PRESETS, method: string, template: string): string | undefined =>
    endpointBucketSpec(RATE_LIMIT_PRESETS[plan], limitKeyOf(method, template), endpointGroupOf(limitKeyOf(method, template)))?.key;

  it.each([
    ['essentials', 'POST', '/organizations/{id}/members', 'row:Write Organization Members'],
    ['essentials', 'DELETE', '/organizations/{id}/members', 'row:Write Organization Members'],
    ['essentials', 'GET', '/organizations/{id}/members', 'group:organization-members'],
    ['essentials', 'POST', '/users', 'row:Write Users'],
    ['essentials', 'PATCH', '/users/{id}', 'row:Write Users'],
    ['essentials', 'DELETE', '/users/{id}', 'route:DELETE /users/{id}'],
    ['essentials', 'GET', '/users', 'group:users'],
    ['essentials', 'POST', '/users/{id}/roles', 'group:other'],
    ['essentials', 'PATCH', '/organizations/{id}', 'row:Write Organizations'],
    ['essentials', 'GET', '/logs', 'route:/logs'],
    ['enterprise', 'POST', '/organizations/{id}/members/{user_id}/roles', 'row:Write Organization Member Roles'],
    ['enterprise', 'POST', '/users', undefined],
    ['free', 'DELETE', '/organizations/{id}/members', undefined],
  ] as const)('%s %s %s draws from %s', (plan, method, template, expected) => {
    expect(key(plan, method, template)).toBe(expected);
  });
});
