import type { Prng } from '../prng.ts';
import type { DailyStatsRecord, UserRecord } from '../tenant.ts';
import { DAY_MS, iso } from './clock.ts';

/** Daily stats for the days before the reference instant; days with no activity are left out, as Auth0 does. */
export function seedDailyStats(prng: Prng, days: number, users: number, referenceMs: number): DailyStatsRecord[] {
  const today = Math.floor(referenceMs / DAY_MS) * DAY_MS;
  const stats: DailyStatsRecord[] = [];
  for (let d = days; d >= 1; d -= 1) {
    if (prng.chance(0.08)) continue;
    const day = today - d * DAY_MS;
    stats.push({
      date: iso(day),
      logins: prng.int(0, Math.max(1, Math.round(users * 0.2))),
      signups: prng.int(0, Math.max(1, Math.round(users * 0.005))),
      leaked_passwords: prng.chance(0.1) ? prng.int(1, 3) : 0,
      created_at: iso(day + DAY_MS + 60_000),
      updated_at: iso(day + DAY_MS + 60_000 + prng.int(0, 3_600_000)),
    });
  }
  return stats;
}

/** Users who logged in during the 30 days before the reference instant. */
export function countActiveUsers(users: readonly UserRecord[], referenceMs: number): number {
  const since = referenceMs - 30 * DAY_MS;
  return users.filter((user) => user.last_login !== undefined && Date.parse(user.last_login) >= since).length;
}
