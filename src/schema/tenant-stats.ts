import type { DailyStatsWire } from '../auth0/endpoints/stats.ts';
import { oneCall } from '../resolvers/field-costs.ts';
import { costs, inHand, reads } from '../resolvers/field-declaration.ts';
import { activeUsers, dailyStats } from '../resolvers/stats.ts';
import { builder } from './builder.ts';

const DailyStatsRef = builder.objectRef<DailyStatsWire>('DailyStats').implement({
  extensions: inHand(),
  fields: (t) => ({
    date: t.field({ type: 'DateTime', resolve: (day) => day.date }),
    logins: t.int({ nullable: true, resolve: (day) => day.logins ?? null }),
    signups: t.int({ nullable: true, resolve: (day) => day.signups ?? null }),
    leakedPasswords: t.int({ nullable: true, resolve: (day) => day.leaked_passwords ?? null }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (day) => day.created_at ?? null }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (day) => day.updated_at ?? null }),
  }),
});

/** Tenant stats have no record of their own: each field is its own call, made only when selected. */
const TenantStatsRef = builder.objectRef<Record<string, never>>('TenantStats').implement({
  fields: (t) => ({
    activeUsers: t.int({
      nullable: true,
      description: "Auth0's own monthly-active figure: users who logged in during the last 30 days.",
      extensions: costs(oneCall),
      resolve: (_stats, _args, ctx) => activeUsers(ctx),
    }),
    daily: t.field({
      type: [DailyStatsRef],
      nullable: true,
      description: 'Days with activity, `from` and `to` inclusive.',
      args: { from: t.arg({ type: 'Date', required: true }), to: t.arg({ type: 'Date', required: true }) },
      extensions: costs(oneCall),
      resolve: (_stats, args, ctx) => dailyStats(ctx, args.from, args.to),
    }),
  }),
});

builder.queryField('tenantStats', (t) => t.field({ type: TenantStatsRef, extensions: reads(), resolve: () => ({}) }));
