import { queryError } from '../errors.ts';
import type { RouteSpec } from './context.ts';
import { selectFields } from './fields.ts';

const STATS_SCOPES = { anyOf: ['read:stats'] };

function dayParam(query: URLSearchParams, name: 'from' | 'to'): string | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d{8}$/.test(raw)) {
    throw queryError(`'String does not match pattern ^\\d{8}$: ${raw}' on property ${name} (Optional ${name === 'from' ? 'first' : 'last'} day of the date range (inclusive) in YYYYMMDD format.).`);
  }
  return `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
}

const activeUsers: RouteSpec = {
  template: '/stats/active-users',
  scopes: STATS_SCOPES,
  handle: (ctx) => ctx.store.state.activeUsers,
};

const dailyStats: RouteSpec = {
  template: '/stats/daily',
  scopes: STATS_SCOPES,
  handle(ctx) {
    const from = dayParam(ctx.query, 'from');
    const to = dayParam(ctx.query, 'to');
    return ctx.store.state.dailyStats
      .filter((d) => (from === undefined || d.date.slice(0, 10) >= from) && (to === undefined || d.date.slice(0, 10) <= to))
      .map((d) => ({ ...d }));
  },
};

const tenantSettings: RouteSpec = {
  template: '/tenants/settings',
  scopes: { anyOf: ['read:tenant_settings'] },
  handle(ctx) {
    const fields = selectFields(ctx.query, { allowed: Object.keys(ctx.store.state.settings) });
    return fields.project(ctx.store.state.settings);
  },
};

export const TENANT_INFO_ROUTES: readonly RouteSpec[] = [activeUsers, dailyStats, tenantSettings];
