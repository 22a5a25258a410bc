import type { Prng } from '../prng.ts';

/** One thing the simulated users and admins do. */
export type Activity =
  | { readonly kind: 'login'; readonly userId: string; readonly organizationId?: string }
  | { readonly kind: 'join' | 'leave'; readonly organizationId: string; readonly userId: string };

/** What planning needs to know of the tenant, read afresh each tick. */
export interface ActivityTenant {
  readonly userCount: number;
  /** The id of the user at `index` (0 to `userCount - 1`), so a big tenant is not copied each tick. */
  userIdAt(index: number): string;
  readonly organizationIds: readonly string[];
  membersOf(organizationId: string): readonly string[];
  organizationsOf(userId: string): readonly string[];
}

export interface ActivityMix {
  /** Chance per tick that an organization gains or loses a member as well. */
  readonly membershipChance: number;
}

/** Tries before giving up on finding a user who is not yet a member (a full organization). */
const JOIN_TRIES = 20;

function membershipChange(prng: Prng, tenant: ActivityTenant): Activity | undefined {
  const organizationId = prng.pick(tenant.organizationIds);
  const members = tenant.membersOf(organizationId);
  // Joins and leaves are equally likely so sizes wander rather than drift; the last member never leaves.
  if (prng.chance(0.5) && members.length > 1) return { kind: 'leave', organizationId, userId: prng.pick(members) };
  const current = new Set(members);
  for (let i = 0; i < JOIN_TRIES; i += 1) {
    const userId = tenant.userIdAt(prng.int(0, tenant.userCount - 1));
    if (!current.has(userId)) return { kind: 'join', organizationId, userId };
  }
  return undefined;
}

/**
 * One tick of a living tenant: someone logs in (to one of their organizations half the time), and now and
 * then an organization gains or loses a member. The same seed and tenant give the same activities.
 */
export function planTick(prng: Prng, tenant: ActivityTenant, mix: ActivityMix): Activity[] {
  if (tenant.userCount === 0) return [];
  const userId = tenant.userIdAt(prng.int(0, tenant.userCount - 1));
  const organizations = tenant.organizationsOf(userId);
  const login: Activity =
    organizations.length > 0 && prng.chance(0.5) ? { kind: 'login', userId, organizationId: prng.pick(organizations) } : { kind: 'login', userId };
  if (tenant.organizationIds.length === 0 || !prng.chance(mix.membershipChance)) return [login];
  const change = membershipChange(prng, tenant);
  return change === undefined ? [login] : [login, change];
}
