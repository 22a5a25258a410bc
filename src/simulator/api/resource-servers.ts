import { notFound } from '../errors.ts';
import type { JsonObject, ResourceServerRecord } from '../tenant.ts';
import { param, type ApiContext, type RouteSpec } from './context.ts';
import { gatedProjection, selectFields } from './fields.ts';
import { listResponse } from './paging.ts';
import { fieldsForbidden } from './scope-errors.ts';

const SCOPES = { anyOf: ['read:resource_servers'] };

const RESOURCE_SERVER_FIELDS = [
  'id', 'name', 'identifier', 'is_system', 'scopes', 'signing_alg', 'signing_secret', 'allow_offline_access',
  'token_lifetime', 'token_lifetime_for_web', 'skip_consent_for_verifiable_first_party_clients', 'enforce_policies',
  'token_dialect', 'token_encryption', 'consent_policy', 'authorization_details', 'proof_of_possession', 'client_id',
] as const;

// UNCONFIRMED upstream which scope unlocks the HS256 secret; we treat it like client key material.
const canReadSecret = (scopes: ReadonlySet<string>): boolean => scopes.has('read:client_keys');

function projector(ctx: ApiContext): (api: ResourceServerRecord) => JsonObject {
  const secretOk = canReadSecret(ctx.scopes);
  const fields = selectFields(ctx.query, { allowed: RESOURCE_SERVER_FIELDS });
  return gatedProjection(fields, (field) => secretOk || field !== 'signing_secret', fieldsForbidden, ctx.secrets);
}

const listResourceServers: RouteSpec = {
  template: '/resource-servers',
  scopes: SCOPES,
  handle(ctx) {
    const project = projector(ctx);
    const identifiers = ctx.query.getAll('identifiers');
    const items = ctx.store.state.resourceServers.filter((r) => identifiers.length === 0 || identifiers.includes(r.identifier));
    return listResponse(ctx, { key: 'resource_servers', items, project, envelope: 'total-first', cap: 'records' });
  },
};

const getResourceServer: RouteSpec = {
  template: '/resource-servers/{id}',
  scopes: SCOPES,
  handle(ctx) {
    // A field the scopes may not read is a 403 before the API is looked up, like any scope check.
    const project = projector(ctx);
    const id = param(ctx, 'id');
    // The id or the audience (identifier) both address an API.
    const api = ctx.store.state.resourceServers.find((r) => r.id === id || r.identifier === id);
    if (api === undefined) throw notFound.resourceServer();
    return project(api);
  },
};

export const RESOURCE_SERVER_ROUTES: readonly RouteSpec[] = [listResourceServers, getResourceServer];
