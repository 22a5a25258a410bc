import type { Plan } from '../../config-types.ts';
import type { EndpointGroup } from '../types.ts';

export interface BucketLimit {
  readonly burst: number;
  readonly perSecond: number;
}

export interface RateLimitPreset {
  /** The API-wide bucket every request is checked against first; undefined when the plan publishes none. */
  readonly global: BucketLimit | undefined;
  /** Endpoint buckets; a group without one is limited by the global bucket only. */
  readonly groups: Readonly<Partial<Record<EndpointGroup, BucketLimit>>>;
}

const perMinute = (burst: number, sustained: number): BucketLimit => ({ burst, perSecond: sustained / 60 });

/** https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/free-public */
const FREE: RateLimitPreset = { global: { burst: 2, perSecond: 2 }, groups: {} };

/**
 * https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/essentials-professional-b2b
 * No global row; "all other endpoints combined" 10 burst / 150 per minute. Of the two rows for organization members
 * (40/500 and 20/200) the lower one is used.
 */
const SELF_SERVICE: RateLimitPreset = {
  global: undefined,
  groups: {
    users: perMinute(40, 500),
    organizations: perMinute(5, 50),
    'organization-members': perMinute(20, 200),
    'member-roles': perMinute(20, 200),
    other: perMinute(10, 150),
  },
};

/**
 * https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/enterprise-public
 * Production tenants: 50 burst, 16/s global. Endpoint rows for reads of users and "other" are not published,
 * so those lanes take only the global bucket.
 */
const ENTERPRISE: RateLimitPreset = {
  global: { burst: 50, perSecond: 16 },
  groups: {
    organizations: perMinute(10, 100),
    'organization-members': perMinute(40, 500),
    'member-roles': perMinute(20, 200),
  },
};

/**
 * `auto` paces as the Free plan does until the headers say more, and learns up to the largest published plan's
 * numbers (Enterprise production, lane by lane), never above them.
 */
export const RATE_LIMIT_PRESETS: Readonly<Record<Plan, RateLimitPreset>> = {
  auto: ENTERPRISE,
  free: FREE,
  essentials: SELF_SERVICE,
  professional: SELF_SERVICE,
  enterprise: ENTERPRISE,
};

export interface RateBudget {
  /** What the limiter paces by, or with `start` the ceiling it learns up to. */
  readonly preset: RateLimitPreset;
  /** `auto`: the pace before any header, the Free plan's (lowered by the overrides). */
  readonly start: BucketLimit | undefined;
}

/** The limiter's budget for AUTH0_PLAN and the overrides: a plan or an override is a ceiling learning never passes. */
export function resolveBudget(plan: Plan, rateLimit: number | undefined, rateBurst: number | undefined): RateBudget {
  const preset = resolvePreset(plan, rateLimit, rateBurst);
  if (plan !== 'auto') return { preset, start: undefined };
  const free = FREE.global ?? { burst: 2, perSecond: 2 };
  const ceiling = preset.global ?? free;
  return { preset, start: { burst: Math.min(free.burst, ceiling.burst), perSecond: Math.min(free.perSecond, ceiling.perSecond) } };
}

/**
 * The plan's preset with AUTH0_RATE_LIMIT / AUTH0_RATE_BURST applied. An override replaces the API-wide bucket
 * (it is what the operator knows about the tenant) and caps every endpoint lane, which can never be faster.
 */
export function resolvePreset(plan: Plan, rateLimit: number | undefined, rateBurst: number | undefined): RateLimitPreset {
  const preset = RATE_LIMIT_PRESETS[plan];
  if (rateLimit === undefined && rateBurst === undefined) return preset;
  const base = preset.global ?? preset.groups.other ?? { burst: 10, perSecond: 2.5 };
  const global: BucketLimit = { burst: rateBurst ?? base.burst, perSecond: rateLimit ?? base.perSecond };
  const groups: Partial<Record<EndpointGroup, BucketLimit>> = {};
  for (const [group, limit] of Object.entries(preset.groups) as [EndpointGroup, BucketLimit][]) {
    groups[group] = { burst: Math.min(limit.burst, global.burst), perSecond: Math.min(limit.perSecond, global.perSecond) };
  }
  return { global, groups };
}
