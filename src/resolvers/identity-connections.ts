import { listConnections } from '../auth0/endpoints/connections.ts';
import type { ConnectionWire } from '../auth0/endpoints/connections.ts';
import type { EnabledConnectionWire } from '../auth0/endpoints/organizations.ts';
import type { Context } from './context.ts';
import type { Connection } from './connection.ts';
import { offsetConnection } from './offset-paging.ts';
import type { OffsetConnectionArgs } from './offset-paging.ts';
import { planConnection } from './planner.ts';
import type { SelectionInfo } from './planner.ts';
import { identityConnectionOf } from './sources.ts';
import type { IdentityConnectionSource } from './sources.ts';

export async function identityConnectionById(ctx: Context, connectionId: string): Promise<IdentityConnectionSource | null> {
  const wire = await ctx.loaders.connectionById.load(connectionId);
  return wire === null ? null : identityConnectionOf(wire);
}

/** A connection field: from the record when held, from what the listing named (name, strategy), else loaded. */
export function identityConnectionField<K extends keyof ConnectionWire>(
  ctx: Context,
  connection: IdentityConnectionSource,
  key: K,
): ConnectionWire[K] | null | Promise<ConnectionWire[K] | null> {
  if (connection.wire) return connection.wire[key] ?? null;
  const listed = key === 'name' ? connection.known.name : key === 'strategy' ? connection.known.strategy : undefined;
  if (listed) return listed as ConnectionWire[K];
  return ctx.loaders.connectionById.load(connection.connectionId).then((wire) => wire?.[key] ?? null);
}

export function enabledConnectionTarget(enabled: EnabledConnectionWire): IdentityConnectionSource {
  return { connectionId: enabled.connection_id, wire: undefined, known: enabled.connection ?? {} };
}

export interface IdentityConnectionListArgs extends OffsetConnectionArgs {
  readonly strategy?: readonly string[] | null;
}

export function listIdentityConnections(
  ctx: Context,
  args: IdentityConnectionListArgs,
  info: SelectionInfo,
): Promise<Connection<IdentityConnectionSource>> {
  const strategy = args.strategy ?? undefined;
  return offsetConnection(
    `identityConnections:${JSON.stringify(strategy ?? null)}`,
    args,
    planConnection(info),
    (page, perPage, includeTotals) => listConnections(ctx.auth0, { page, perPage, includeTotals, strategy }, ctx.call),
    (wire) => {
      ctx.loaders.connectionById.prime(wire.id, wire);
      return identityConnectionOf(wire);
    },
  );
}
