import { z } from 'zod';
import type { Auth0Client } from '../types.ts';
import { getParsed } from './call.ts';
import type { CallOptions } from './call.ts';

export const dailyStatsWire = z.object({
  date: z.string(),
  logins: z.number().int().nullish(),
  signups: z.number().int().nullish(),
  leaked_passwords: z.number().int().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});
export type DailyStatsWire = z.output<typeof dailyStatsWire>;

const activeUsers = z.number().int().nonnegative();
const dailyStatsList = z.array(dailyStatsWire);

/** Auth0's own monthly-active figure: users who logged in during the last 30 days, a bare number. */
export function getActiveUsers(client: Auth0Client, options: CallOptions): Promise<number> {
  return getParsed(client, '/stats/active-users', {}, activeUsers, options);
}

/** Days with activity between `from` and `to` inclusive, both `YYYYMMDD`. */
export function getDailyStats(client: Auth0Client, from: string, to: string, options: CallOptions): Promise<DailyStatsWire[]> {
  return getParsed(client, '/stats/daily', { from, to }, dailyStatsList, options);
}
