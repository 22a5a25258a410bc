import { z } from 'zod';
import type { Auth0Client } from '../types.ts';
import { allowList, getParsed, pathSegment } from './call.ts';
import type { CallOptions } from './call.ts';
import { offsetList, offsetQuery } from './lists.ts';
import type { OffsetPage, OffsetParams } from './lists.ts';

const urls = z.array(z.string()).nullish();

/** An application as a dashboard may see it: no secret, keys, credentials or addons (docs/auth0-api.md#secrets-we-never-expose). */
export const clientWire = z.object({
  client_id: z.string(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  app_type: z.string().nullish(),
  is_first_party: z.boolean().nullish(),
  logo_uri: z.string().nullish(),
  callbacks: urls,
  allowed_origins: urls,
  web_origins: urls,
  allowed_logout_urls: urls,
  grant_types: urls,
  organization_usage: z.string().nullish(),
  organization_require_behavior: z.string().nullish(),
  client_metadata: z.record(z.string(), z.unknown()).nullish(),
  global: z.boolean().nullish(),
  oidc_conformant: z.boolean().nullish(),
  sso_disabled: z.boolean().nullish(),
  cross_origin_authentication: z.boolean().nullish(),
  token_endpoint_auth_method: z.string().nullish(),
  initiate_login_uri: z.string().nullish(),
});
export type ClientWire = z.output<typeof clientWire>;

const CLIENT_FIELDS = [
  'client_id', 'name', 'description', 'app_type', 'is_first_party', 'logo_uri', 'callbacks', 'allowed_origins',
  'web_origins', 'allowed_logout_urls', 'grant_types', 'organization_usage', 'organization_require_behavior',
  'client_metadata', 'global', 'oidc_conformant', 'sso_disabled', 'cross_origin_authentication',
  'token_endpoint_auth_method', 'initiate_login_uri',
] as const;

const clientList = offsetList('clients', clientWire);

export function getClient(client: Auth0Client, clientId: string, options: CallOptions): Promise<ClientWire> {
  return getParsed(client, `/clients/${pathSegment(clientId)}`, allowList(CLIENT_FIELDS), clientWire, options);
}

export interface ClientListParams extends OffsetParams {
  readonly appType: readonly string[] | undefined;
  readonly isFirstParty: boolean | undefined;
}

export function listClients(client: Auth0Client, params: ClientListParams, options: CallOptions): Promise<OffsetPage<ClientWire>> {
  const query = {
    ...allowList(CLIENT_FIELDS),
    ...offsetQuery(params),
    ...(params.appType === undefined ? {} : { app_type: params.appType.join(',') }),
    ...(params.isFirstParty === undefined ? {} : { is_first_party: params.isFirstParty }),
  };
  return getParsed(client, '/clients', query, clientList, options);
}
