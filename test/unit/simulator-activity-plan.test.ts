import { describe, expect, it } from 'vitest';
import { planTick, type Activity, type ActivityTenant } from '../../src/simulator/activity/plan.ts';
import { createPrng } from '../../src/simulator/prng.ts';

/** Six users; org-a holds u0 to u2, org-b only u3. */
function tenant(): ActivityTenant {
  const users = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'];
  const members: Record<string, string[]> = { 'org-a': ['u0', 'u1', 'u2'], 'org-b': ['u3'] };
  return {
    userCount: users.length,
    userIdAt: (i) => users[i] ?? '',
    organizationIds: Object.keys(members),
    membersOf: (org) => members[org] ?? [],
    organizationsOf: (user) => Object.keys(members).filter((org) => members[org]?.includes(user)),
  };
}

const ticks = (seed: number, count: number, membershipChance: number): Activity[][] => {
  const prng = createPrng(seed);
  return Array.from({ length: count }, () => planTick(prng, tenant(), { membershipChance }));
};

describe('activity plan', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(ticks(7, 20, 0.3)).toEqual(ticks(7, 20, 0.3));
    expect(ticks(7, 20, 0.3)).not.toEqual(ticks(8, 20, 0.3));
  });

  it('logs someone in every tick, to one of their own organizations when it names one', () => {
    const t = tenant();
    for (const tick of ticks(3, 200, 0)) {
      expect(tick).toHaveLength(1);
      const [login] = tick;
      expect(login?.kind).toBe('login');
      if (login?.organizationId !== undefined) expect(t.organizationsOf(login.userId)).toContain(login.organizationId);
    }
  });

  it('changes a membership only as one can change: joiners are not members, leavers are, the last member stays', () => {
    const t = tenant();
    const changes = ticks(11, 300, 1).flatMap((tick) => tick.filter((a) => a.kind !== 'login'));
    expect(changes.length).toBeGreaterThan(250);
    expect(new Set(changes.map((c) => c.kind))).toEqual(new Set(['join', 'leave']));
    for (const change of changes) {
      const members = t.membersOf(change.organizationId ?? '');
      if (change.kind === 'join') expect(members).not.toContain(change.userId);
      else expect(members.length > 1 && members.includes(change.userId)).toBe(true);
    }
  });
});
