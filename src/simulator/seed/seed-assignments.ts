import type { Prng } from '../prng.ts';
import type { PermissionRef, RoleAssignment, RoleRecord, UserRecord } from '../tenant.ts';
import { iso } from './clock.ts';

/** Share of users holding each tenant role; `member` is the big one (a few hundred on the demo tenant). */
const ROLE_SHARE: Readonly<Record<string, number>> = {
  admin: 0.004,
  'billing-admin': 0.01,
  'billing-viewer': 0.03,
  member: 0.12,
  editor: 0.04,
  support: 0.02,
  auditor: 0.008,
  owner: 0.01,
};

export function seedRoleAssignments(
  prng: Prng,
  roles: readonly RoleRecord[],
  users: readonly UserRecord[],
  referenceMs: number,
): Map<string, RoleAssignment[]> {
  const assignments = new Map<string, RoleAssignment[]>();
  for (const role of roles) {
    const share = ROLE_SHARE[role.name] ?? 0.02;
    const holders: RoleAssignment[] = users
      .filter(() => prng.chance(share))
      .map((user) => {
        const from = Date.parse(user.created_at);
        return { user_id: user.user_id, created_at: iso(from + Math.floor(prng.next() * Math.max(referenceMs - from, 1))) };
      });
    holders.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
    assignments.set(role.id, holders);
  }
  return assignments;
}

export function seedDirectPermissions(
  prng: Prng,
  users: readonly UserRecord[],
  catalogue: readonly PermissionRef[],
): Map<string, PermissionRef[]> {
  const direct = new Map<string, PermissionRef[]>();
  if (catalogue.length === 0) return direct;
  for (const user of users) {
    if (!prng.chance(0.02)) continue;
    const first = prng.pick(catalogue);
    const second = prng.pick(catalogue);
    direct.set(user.user_id, first === second ? [first] : [first, second]);
  }
  return direct;
}
