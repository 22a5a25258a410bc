import type { EndpointGroup } from '../../auth0/types.ts';
import type { BucketSpec } from './token-bucket.ts';

export type RateLimitPreset = 'free' | 'essentials' | 'professional' | 'enterprise';

/**
 * Buckets to enforce. `global` is checked first, then the route's own bucket if `routes` names it,
 * else its endpoint group's bucket; a route or group without a bucket is limited by `global` alone.
 */
export interface RateLimitConfig {
  readonly global?: BucketSpec;
  readonly groups?: Readonly<Partial<Record<EndpointGroup, BucketSpec>>>;
  /**
   * Per route template, for plan rows finer than a group (e.g. "Read Organizations by ID"); a write is keyed
   * `<METHOD> <template>`. Routes whose buckets name the same `row` share one bucket, as one row of the plan
   * table covers several methods (Write Organization Members: POST and DELETE).
   */
  readonly routes?: Readonly<Record<string, RouteBucket>>;
}

export interface RouteBucket extends BucketSpec {
  readonly row?: string;
}

const perMinute = (burst: number, rate: number): BucketSpec => ({ burst, perMinute: rate });

/** One plan row over several routes: every `routes` key it names draws from one bucket. */
const row = (name: string, bucket: BucketSpec, routes: readonly string[]): Record<string, RouteBucket> =>
  Object.fromEntries(routes.map((route) => [route, { ...bucket, row: name }]));

const MEMBER_WRITES = ['POST /organizations/{id}/members', 'DELETE /organizations/{id}/members'];
const MEMBER_ROLE_WRITES = ['POST /organizations/{id}/members/{user_id}/roles', 'DELETE /organizations/{id}/members/{user_id}/roles'];
// The simulator has only the update; the row also covers POST /organizations and DELETE /organizations/{id}.
const ORGANIZATION_WRITES = ['PATCH /organizations/{id}'];

// https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/essentials-professional-b2b
// Members: the plan has two rows for reading them, 40 / 500 ("Read Organization Members") and 20 / 200 ("Read
// Members of an Organization"), and nothing says which one GET /organizations/{id}/members draws from. The
// stricter one is enforced: a client paced for it passes on a tenant that applies either, while one paced for
// 40 / 500 would pass here and fail there. Invitations have no row and share "all other endpoints" (the group).
const SELF_SERVICE_PAID: RateLimitConfig = {
  groups: {
    users: perMinute(40, 500),
    organizations: perMinute(5, 50),
    'organization-members': perMinute(20, 200),
    'member-roles': perMinute(20, 200),
    other: perMinute(10, 150),
  },
  routes: {
    '/organizations/{id}': perMinute(20, 200),
    '/organizations/name/{name}': perMinute(10, 100),
    '/organizations/{id}/enabled_connections': perMinute(5, 50),
    '/clients': perMinute(5, 100),
    '/clients/{id}': perMinute(5, 100),
    '/connections': perMinute(5, 50),
    '/connections/{id}': perMinute(5, 50),
    '/logs': perMinute(10, 100),
    ...row('Write Organizations', perMinute(5, 25), ORGANIZATION_WRITES),
    ...row('Write Organization Members', perMinute(20, 200), MEMBER_WRITES),
    ...row('Write Organization Member Roles', perMinute(20, 200), MEMBER_ROLE_WRITES),
    // Two rows named "Write Users": one for POST and PATCH, one for DELETE. Tenant role assignments
    // (POST/DELETE /users/{id}/roles) have no row and share "all other endpoints".
    ...row('Write Users', perMinute(20, 200), ['POST /users', 'PATCH /users/{id}']),
    'DELETE /users/{id}': perMinute(20, 200),
  },
};

/** Plan presets from docs/auth0-api.md#limits-by-plan. */
export const RATE_LIMIT_PRESETS: Readonly<Record<RateLimitPreset, RateLimitConfig>> = {
  // https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/free-public
  free: { global: { burst: 2, perSecond: 2 } },
  essentials: SELF_SERVICE_PAID,
  professional: SELF_SERVICE_PAID,
  // https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/enterprise-public (production)
  enterprise: {
    global: { burst: 50, perSecond: 16 },
    groups: {
      organizations: perMinute(10, 100),
      'organization-members': perMinute(40, 500),
      'member-roles': perMinute(20, 200),
    },
    routes: {
      '/organizations/{id}': perMinute(10, 100),
      '/organizations/name/{name}': perMinute(20, 200),
      '/users/{id}/organizations': perMinute(40, 500),
      '/organizations/{id}/invitations': perMinute(20, 200),
      '/organizations/{id}/invitations/{invitation_id}': perMinute(20, 200),
      '/organizations/{id}/enabled_connections': perMinute(10, 100),
      ...row('Write Organizations', perMinute(5, 150), ORGANIZATION_WRITES),
      ...row('Write Organization Members', perMinute(20, 200), MEMBER_WRITES),
      ...row('Write Organization Member Roles', perMinute(20, 200), MEMBER_ROLE_WRITES),
    },
  },
};

/** The Authentication API budget that `/oauth/token` shares (docs/auth0-api.md#the-token-endpoints-budget). */
export const TOKEN_ENDPOINT_LIMITS: Readonly<Record<RateLimitPreset, BucketSpec>> = {
  free: { burst: 30, perSecond: 30 },
  essentials: { burst: 25, perSecond: 25 },
  professional: { burst: 25, perSecond: 25 },
  enterprise: { burst: 100, perSecond: 100 },
};
