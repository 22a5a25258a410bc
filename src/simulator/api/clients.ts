import { notFound } from '../errors.ts';
import type { ClientRecord, JsonObject } from '../tenant.ts';
import { param, type ApiContext, type RouteSpec } from './context.ts';
import { gatedProjection, selectFields } from './fields.ts';
import { listResponse } from './paging.ts';
import { boolParam } from './query-params.ts';
import { fieldsForbidden } from './scope-errors.ts';

const CLIENT_SCOPES = { anyOf: ['read:clients', 'read:client_keys', 'read:client_credentials', 'read:client_summary'] };

export const CLIENT_FIELDS = [
  'client_id', 'tenant', 'name', 'description', 'app_type', 'logo_uri', 'is_first_party', 'global', 'oidc_conformant',
  'callbacks', 'allowed_origins', 'web_origins', 'allowed_logout_urls', 'client_aliases', 'allowed_clients',
  'grant_types', 'token_endpoint_auth_method', 'jwt_configuration', 'sso', 'sso_disabled',
  'cross_origin_authentication', 'custom_login_page_on', 'custom_login_page', 'client_metadata', 'mobile',
  'initiate_login_uri', 'refresh_token', 'organization_usage', 'organization_require_behavior', 'default_organization',
  'token_quota', 'created_at', 'client_secret', 'signing_keys', 'encryption_key', 'client_authentication_methods',
  'signed_request_object', 'addons',
] as const;

/**
 * Readable only with read:client_keys or read:client_credentials (docs/auth0-api.md#secrets-we-never-expose).
 * `addons` is not among them: Auth0 answers `fields=addons` to a read:clients token, credentials inside included.
 */
const KEY_FIELDS: ReadonlySet<string> = new Set([
  'client_secret', 'signing_keys', 'encryption_key', 'client_authentication_methods', 'signed_request_object',
]);
/** All that read:client_summary alone may read. */
const SUMMARY_FIELDS: ReadonlySet<string> = new Set(['client_id', 'tenant', 'name', 'description', 'app_type']);

function readableBy(scopes: ReadonlySet<string>): (field: string) => boolean {
  if (scopes.has('read:client_keys') || scopes.has('read:client_credentials')) return () => true;
  if (scopes.has('read:clients')) return (field) => !KEY_FIELDS.has(field);
  return (field) => SUMMARY_FIELDS.has(field);
}

/** Projects clients for this caller: unreadable fields are left out, and naming one in `fields` is a 403. */
function clientProjector(ctx: ApiContext): (client: ClientRecord) => JsonObject {
  const fields = selectFields(ctx.query, { allowed: CLIENT_FIELDS, alwaysAdded: ['tenant'] });
  return gatedProjection(fields, readableBy(ctx.scopes), fieldsForbidden, ctx.secrets);
}

const listClients: RouteSpec = {
  template: '/clients',
  scopes: CLIENT_SCOPES,
  handle(ctx) {
    const project = clientProjector(ctx);
    const isGlobal = boolParam(ctx.query, 'is_global');
    const firstParty = boolParam(ctx.query, 'is_first_party');
    const appTypes = ctx.query.get('app_type')?.split(',') ?? [];
    const items = ctx.store.state.clients.filter(
      (c) =>
        (isGlobal === undefined || c.global === isGlobal) &&
        (firstParty === undefined || c.is_first_party === firstParty) &&
        (appTypes.length === 0 || appTypes.includes(c.app_type)),
    );
    return listResponse(ctx, {
      key: 'clients',
      items,
      project,
      envelope: 'total-first',
      cap: 'records',
      perPageMin: 0,
      checkpoint: { idOf: (c) => c.client_id, atOf: (c) => c.created_at, end: 'no-next' },
    });
  },
};

const getClient: RouteSpec = {
  template: '/clients/{id}',
  scopes: CLIENT_SCOPES,
  handle(ctx) {
    const project = clientProjector(ctx);
    const client = ctx.store.clientById(param(ctx, 'id'));
    if (client === undefined) throw notFound.client();
    return project(client);
  },
};

export const CLIENT_ROUTES: readonly RouteSpec[] = [listClients, getClient];
