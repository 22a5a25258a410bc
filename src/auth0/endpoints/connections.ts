import { z } from 'zod';
import type { Auth0Client } from '../types.ts';
import { allowList, getParsed, pathSegment } from './call.ts';
import type { CallOptions } from './call.ts';
import { offsetList, offsetQuery } from './lists.ts';
import type { OffsetPage, OffsetParams } from './lists.ts';

/** A connection without `options`, which holds identity-provider secrets and certificates. */
export const connectionWire = z.object({
  id: z.string(),
  name: z.string(),
  display_name: z.string().nullish(),
  strategy: z.string(),
  realms: z.array(z.string()).nullish(),
  is_domain_connection: z.boolean().nullish(),
  show_as_button: z.boolean().nullish(),
  metadata: z.record(z.string(), z.string().nullable()).nullish(),
});
export type ConnectionWire = z.output<typeof connectionWire>;

const CONNECTION_FIELDS = [
  'id', 'name', 'display_name', 'strategy', 'realms', 'is_domain_connection', 'show_as_button', 'metadata',
] as const;

const connectionList = offsetList('connections', connectionWire);

export function getConnection(client: Auth0Client, connectionId: string, options: CallOptions): Promise<ConnectionWire> {
  return getParsed(client, `/connections/${pathSegment(connectionId)}`, allowList(CONNECTION_FIELDS), connectionWire, options);
}

export interface ConnectionListParams extends OffsetParams {
  readonly strategy: readonly string[] | undefined;
}

export function listConnections(
  client: Auth0Client,
  params: ConnectionListParams,
  options: CallOptions,
): Promise<OffsetPage<ConnectionWire>> {
  const query = {
    ...allowList(CONNECTION_FIELDS),
    ...offsetQuery(params),
    ...(params.strategy === undefined ? {} : { strategy: params.strategy }),
  };
  return getParsed(client, '/connections', query, connectionList, options);
}
