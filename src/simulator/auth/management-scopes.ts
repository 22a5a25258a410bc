/** Read scopes of the Management API that this simulator's endpoints check (docs/auth0-api.md#endpoints-and-scopes). */
export const READ_SCOPES = [
  'read:users',
  'read:current_user',
  'read:user_idp_tokens',
  'read:clients',
  'read:client_keys',
  'read:client_credentials',
  'read:client_summary',
  'read:client_grants',
  'read:connections',
  'read:organizations',
  'read:organizations_summary',
  'read:organization_members',
  'read:organization_member_roles',
  'read:organization_invitations',
  'read:organization_connections',
  'read:organization_client_grants',
  'read:roles',
  'read:role_members',
  'read:resource_servers',
  'read:logs',
  'read:logs_users',
  'read:stats',
  'read:tenant_settings',
] as const;

/** Key material a reporting app must not be granted (docs/auth0-api.md#secrets-we-never-expose). */
export const SECRET_SCOPES: readonly string[] = ['read:client_keys', 'read:client_credentials', 'read:user_idp_tokens'];

/** What the simulator's default machine-to-machine app is granted. */
export const DEFAULT_GRANTED_SCOPES: readonly string[] = READ_SCOPES.filter((scope) => !SECRET_SCOPES.includes(scope));
