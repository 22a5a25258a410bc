import { getActiveUsers, getDailyStats } from '../auth0/endpoints/stats.ts';
import type { DailyStatsWire } from '../auth0/endpoints/stats.ts';
import type { Context } from './context.ts';
import { badUserInput } from './errors.ts';

export function activeUsers(ctx: Context): Promise<number> {
  return getActiveUsers(ctx.auth0, ctx.call);
}

/** `from`/`to` are `YYYY-MM-DD` dates (the Date scalar); Auth0 wants `YYYYMMDD`, both inclusive. */
export function dailyStats(ctx: Context, from: string, to: string): Promise<DailyStatsWire[]> {
  if (from > to) throw badUserInput('`from` must not be after `to`');
  return getDailyStats(ctx.auth0, from.replaceAll('-', ''), to.replaceAll('-', ''), ctx.call);
}
