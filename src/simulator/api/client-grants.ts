import { createHash } from 'node:crypto';
import type { ManagementGrant } from '../tenant.ts';
import type { RouteSpec } from './context.ts';
import { listResponse } from './paging.ts';

/** A stable `cgr_…` id per client, so the same grant keeps its id across calls and restarts. */
const grantId = (clientId: string): string => `cgr_${createHash('sha256').update(clientId).digest('hex').slice(0, 16)}`;

/**
 * The tenant's client grants. Only the Management API's are modelled (they are what `/oauth/token` checks);
 * a client without one (`granted: false`) has no grant to list.
 */
const listClientGrants: RouteSpec = {
  template: '/client-grants',
  scopes: { anyOf: ['read:client_grants'] },
  handle(ctx) {
    const audience = `https://${ctx.store.state.domain}/api/v2/`;
    const clientId = ctx.query.get('client_id');
    const wantedAudience = ctx.query.get('audience');
    const items = ctx.store.state.grants.filter(
      (g) => g.granted && (clientId === null || g.client_id === clientId) && (wantedAudience === null || wantedAudience === audience),
    );
    return listResponse(ctx, {
      key: 'client_grants',
      items,
      project: (g: ManagementGrant) => ({ id: grantId(g.client_id), client_id: g.client_id, audience, scope: [...g.scopes] }),
      envelope: 'standard',
      cap: 'records',
      checkpoint: { idOf: (g) => grantId(g.client_id), end: 'no-next' },
    });
  },
};

export const CLIENT_GRANT_ROUTES: readonly RouteSpec[] = [listClientGrants];
