import { listClients } from '../auth0/endpoints/clients.ts';
import type { Context } from './context.ts';
import type { Connection } from './connection.ts';
import { nullIfNotFound } from './errors.ts';
import { offsetConnection } from './offset-paging.ts';
import type { OffsetConnectionArgs } from './offset-paging.ts';
import { planConnection } from './planner.ts';
import type { SelectionInfo } from './planner.ts';
import type { ClientSource } from './sources.ts';

export function clientById(ctx: Context, clientId: string): Promise<ClientSource | null> {
  return nullIfNotFound(() => ctx.loaders.clientById.load(clientId));
}

export interface ClientListArgs extends OffsetConnectionArgs {
  readonly appType?: readonly string[] | null;
  readonly isFirstParty?: boolean | null;
}

export function listAllClients(ctx: Context, args: ClientListArgs, info: SelectionInfo): Promise<Connection<ClientSource>> {
  const appType = args.appType ?? undefined;
  const isFirstParty = args.isFirstParty ?? undefined;
  return offsetConnection(
    `clients:${JSON.stringify([appType ?? null, isFirstParty ?? null])}`,
    args,
    planConnection(info),
    (page, perPage, includeTotals) => listClients(ctx.auth0, { page, perPage, includeTotals, appType, isFirstParty }, ctx.call),
    (wire) => {
      ctx.loaders.clientById.prime(wire.client_id, wire);
      return wire;
    },
  );
}
