import { notFound } from '../errors.ts';
import type { ConnectionRecord } from '../tenant.ts';
import { param, type ApiContext, type RouteSpec } from './context.ts';
import { selectFields } from './fields.ts';
import { listResponse } from './paging.ts';

const SCOPES = { anyOf: ['read:connections'] };

const CONNECTION_FIELDS = [
  'id', 'name', 'display_name', 'options', 'strategy', 'realms', 'is_domain_connection', 'show_as_button', 'metadata',
  'enabled_clients', 'authentication', 'connected_accounts',
] as const;

function requireConnection(ctx: ApiContext): ConnectionRecord {
  const connection = ctx.store.state.connections.find((c) => c.id === param(ctx, 'id'));
  if (connection === undefined) throw notFound.connection();
  return connection;
}

const connectionFields = (ctx: ApiContext): ReturnType<typeof selectFields> =>
  selectFields(ctx.query, { allowed: CONNECTION_FIELDS, alwaysAdded: ['is_domain_connection'] });

const listConnections: RouteSpec = {
  template: '/connections',
  scopes: SCOPES,
  handle(ctx) {
    const fields = connectionFields(ctx);
    const strategies = ctx.query.getAll('strategy');
    const name = ctx.query.get('name');
    const items = ctx.store.state.connections.filter(
      (c) => (strategies.length === 0 || strategies.includes(c.strategy)) && (name === null || c.name === name),
    );
    return listResponse(ctx, {
      key: 'connections',
      items,
      // The list omits the deprecated `enabled_clients`; only the single read carries it.
      project: ({ enabled_clients: _clients, ...connection }) => fields.project(connection),
      envelope: 'total-first',
      cap: 'records',
      checkpoint: { idOf: (c) => c.id, end: 'no-next' },
    });
  },
};

const getConnection: RouteSpec = {
  template: '/connections/{id}',
  scopes: SCOPES,
  handle(ctx) {
    const fields = connectionFields(ctx);
    return fields.project(requireConnection(ctx));
  },
};

const connectionClients: RouteSpec = {
  template: '/connections/{id}/clients',
  scopes: SCOPES,
  handle(ctx) {
    const connection = requireConnection(ctx);
    const query = new URLSearchParams(ctx.query);
    if (!query.has('take') && !query.has('from')) query.set('take', '50');
    return listResponse(
      { ...ctx, query },
      {
        key: 'clients',
        items: connection.enabled_clients,
        project: (clientId) => ({ client_id: clientId }),
        envelope: 'standard',
        cap: 'records',
        checkpoint: { idOf: (clientId) => clientId, end: 'no-next' },
      },
    );
  },
};

export const CONNECTION_ROUTES: readonly RouteSpec[] = [listConnections, getConnection, connectionClients];
