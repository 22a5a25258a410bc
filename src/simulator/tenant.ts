/**
 * The simulated tenant's records, stored in Auth0's wire shape (snake_case, optional fields absent
 * rather than null) so every response is a projection of a stored record. Tests read these to
 * compute expected answers; only the simulator's own mutation helpers write them.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface UserIdentity {
  connection: string;
  /** Integer for some social providers (github), as the real API sends it. */
  user_id: string | number;
  provider: string;
  isSocial: boolean;
  /** Identity-provider tokens; Auth0 returns them only with `read:user_idp_tokens`. */
  access_token?: string;
  refresh_token?: string;
}

/** A type alias (not an interface) so it is usable as a plain record by the search engine. */
export type UserRecord = {
  user_id: string;
  email: string;
  email_verified: boolean;
  username?: string;
  name: string;
  nickname: string;
  given_name?: string;
  family_name?: string;
  picture: string;
  created_at: string;
  updated_at: string;
  last_login?: string;
  last_ip?: string;
  logins_count?: number;
  blocked?: boolean;
  identities: UserIdentity[];
  app_metadata?: JsonObject;
  user_metadata?: JsonObject;
};

export interface OrganizationRecord {
  id: string;
  name: string;
  display_name: string;
  branding?: { logo_url?: string; colors?: { primary: string; page_background: string } };
  metadata?: Record<string, string>;
}

export interface MembershipRecord {
  user_id: string;
  role_ids: string[];
  /** When the user joined; checkpoint order for members follows it. */
  created_at: string;
}

export interface RoleRecord {
  id: string;
  name: string;
  description: string;
}

export interface PermissionRef {
  permission_name: string;
  resource_server_identifier: string;
}

export interface RoleAssignment {
  user_id: string;
  created_at: string;
}

export interface ResourceServerRecord {
  id: string;
  name: string;
  identifier: string;
  is_system?: boolean;
  scopes: { value: string; description: string }[];
  signing_alg: string;
  signing_secret?: string;
  allow_offline_access: boolean;
  token_lifetime: number;
  token_lifetime_for_web: number;
  skip_consent_for_verifiable_first_party_clients: boolean;
  enforce_policies?: boolean;
  token_dialect?: string;
}

export type AppType = 'spa' | 'native' | 'regular_web' | 'non_interactive';

export interface ClientRecord {
  client_id: string;
  tenant: string;
  name: string;
  description?: string;
  app_type: AppType;
  logo_uri?: string;
  is_first_party: boolean;
  global: boolean;
  oidc_conformant: boolean;
  callbacks: string[];
  allowed_origins: string[];
  web_origins: string[];
  allowed_logout_urls: string[];
  grant_types: string[];
  token_endpoint_auth_method: string;
  jwt_configuration: { alg: string; lifetime_in_seconds: number; secret_encoded: boolean };
  sso_disabled: boolean;
  cross_origin_authentication: boolean;
  custom_login_page_on: boolean;
  client_metadata?: Record<string, string>;
  organization_usage?: 'deny' | 'allow' | 'require';
  organization_require_behavior?: 'no_prompt' | 'pre_login_prompt' | 'post_login_prompt';
  client_secret: string;
  signing_keys: { cert: string; pkcs7: string; subject: string }[];
  encryption_key?: { pub: string; cert: string; subject: string };
  addons?: JsonObject;
  created_at: string;
}

export interface ConnectionRecord {
  id: string;
  name: string;
  display_name?: string;
  strategy: string;
  realms: string[];
  is_domain_connection: boolean;
  show_as_button?: boolean;
  metadata?: Record<string, string>;
  /** Holds identity-provider secrets, as real connections do. */
  options: JsonObject;
  enabled_clients: string[];
}

export interface OrgConnectionRecord {
  connection_id: string;
  assign_membership_on_login: boolean;
  show_as_button: boolean;
  is_signup_enabled?: boolean;
}

export interface InvitationRecord {
  id: string;
  organization_id: string;
  client_id: string;
  connection_id?: string;
  inviter: { name: string };
  invitee: { email: string };
  invitation_url: string;
  ticket_id: string;
  created_at: string;
  expires_at: string;
  roles?: string[];
}

export interface DailyStatsRecord {
  date: string;
  logins: number;
  signups: number;
  leaked_passwords: number;
  created_at: string;
  updated_at: string;
}

/** A machine-to-machine app's client grant for the Management API (drives `/oauth/token`). */
export interface ManagementGrant {
  client_id: string;
  scopes: string[];
  granted: boolean;
}

export interface Tenant {
  readonly domain: string;
  /** Default `/users` order: creation order (ties on `created_at` keep insertion order). */
  readonly users: readonly UserRecord[];
  readonly organizations: readonly OrganizationRecord[];
  /** Members per organization id, in join order. */
  readonly members: ReadonlyMap<string, readonly MembershipRecord[]>;
  readonly roles: readonly RoleRecord[];
  readonly rolePermissions: ReadonlyMap<string, readonly PermissionRef[]>;
  /** Tenant-level role assignments per role id, in assignment order. */
  readonly roleUsers: ReadonlyMap<string, readonly RoleAssignment[]>;
  /** Permissions granted directly to users. */
  readonly userPermissions: ReadonlyMap<string, readonly PermissionRef[]>;
  readonly resourceServers: readonly ResourceServerRecord[];
  readonly clients: readonly ClientRecord[];
  readonly grants: readonly ManagementGrant[];
  readonly connections: readonly ConnectionRecord[];
  readonly orgConnections: ReadonlyMap<string, readonly OrgConnectionRecord[]>;
  readonly invitations: ReadonlyMap<string, readonly InvitationRecord[]>;
  readonly dailyStats: readonly DailyStatsRecord[];
  readonly activeUsers: number;
  readonly settings: JsonObject;
}

/** How big a tenant to seed. */
export interface TenantSize {
  users: number;
  organizations: number;
  /** Members of the first (largest) organization; capped at `users`. */
  largestOrganizationMembers: number;
  applications: number;
  statsDays: number;
}

/**
 * Named tenant sizes. `small` is the demo's tenant; `medium` crosses every 1,000-record cap (organizations and
 * one organization's members) while seeding fast enough for the test suite; `large` is a big B2B tenant, for
 * benches and for trying the graph against one by hand.
 */
export type TenantScale = 'small' | 'medium' | 'large';

export const TENANT_SCALES: Readonly<Record<TenantScale, Readonly<TenantSize>>> = {
  small: { users: 2500, organizations: 40, largestOrganizationMembers: 1200, applications: 15, statsDays: 90 },
  medium: { users: 12_000, organizations: 1050, largestOrganizationMembers: 2500, applications: 15, statsDays: 90 },
  large: { users: 100_000, organizations: 1000, largestOrganizationMembers: 10_000, applications: 15, statsDays: 90 },
};

export const DEMO_TENANT_SIZE: Readonly<TenantSize> = TENANT_SCALES.small;
