import { HEX, type Prng } from '../prng.ts';
import type {
  AppType,
  ClientRecord,
  ConnectionRecord,
  PermissionRef,
  ResourceServerRecord,
  RoleRecord,
} from '../tenant.ts';
import { DAY_MS, iso } from './clock.ts';
import { seedSecret } from './secrets.ts';

const ALL_GRANTS = ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'];

function certificate(prng: Prng, kind: string): string {
  return `-----BEGIN CERTIFICATE-----\r\n${seedSecret(prng, kind, 64)}\r\n-----END CERTIFICATE-----\r\n`;
}

export function seedResourceServers(prng: Prng, domain: string): ResourceServerRecord[] {
  const api = (name: string, identifier: string, scopes: string[]): ResourceServerRecord => ({
    id: prng.string(24, HEX),
    name,
    identifier,
    scopes: scopes.map((value) => ({ value, description: `Allows ${value.replace(':', ' ')}` })),
    signing_alg: 'RS256',
    signing_secret: seedSecret(prng, 'resource_server.signing_secret', 32),
    allow_offline_access: prng.chance(0.5),
    token_lifetime: 86_400,
    token_lifetime_for_web: 7_200,
    skip_consent_for_verifiable_first_party_clients: true,
    enforce_policies: true,
    token_dialect: 'access_token_authz',
  });
  const management: ResourceServerRecord = {
    id: prng.string(24, HEX),
    name: 'Auth0 Management API',
    identifier: `https://${domain}/api/v2/`,
    is_system: true,
    scopes: [],
    signing_alg: 'RS256',
    allow_offline_access: false,
    token_lifetime: 86_400,
    token_lifetime_for_web: 7_200,
    skip_consent_for_verifiable_first_party_clients: false,
  };
  return [
    management,
    api('Billing API', 'https://billing.example.com/', ['read:invoices', 'create:invoices', 'read:plans', 'manage:seats']),
    api('Inventory API', 'https://inventory.example.com/', ['read:items', 'write:items', 'delete:items']),
  ];
}

const ROLE_SPECS: readonly { name: string; description: string; permissions: readonly string[] }[] = [
  { name: 'admin', description: 'Full access to every API', permissions: ['*'] },
  { name: 'billing-admin', description: 'Manages invoices and seats', permissions: ['read:invoices', 'create:invoices', 'manage:seats'] },
  { name: 'billing-viewer', description: 'Reads invoices and plans', permissions: ['read:invoices', 'read:plans'] },
  { name: 'member', description: 'Default organization member', permissions: ['read:items', 'read:plans'] },
  { name: 'editor', description: 'Edits inventory', permissions: ['read:items', 'write:items'] },
  { name: 'support', description: 'Customer support agents', permissions: ['read:items', 'read:invoices'] },
  { name: 'auditor', description: 'Read-only access for audits', permissions: ['read:items', 'read:invoices', 'read:plans'] },
  { name: 'owner', description: 'Organization owner', permissions: ['manage:seats', 'delete:items'] },
];

export function seedRoles(
  prng: Prng,
  apis: readonly ResourceServerRecord[],
): { roles: RoleRecord[]; permissions: Map<string, PermissionRef[]> } {
  const catalogue: PermissionRef[] = apis
    .filter((api) => api.is_system !== true)
    .flatMap((api) => api.scopes.map((scope) => ({ permission_name: scope.value, resource_server_identifier: api.identifier })));
  const roles: RoleRecord[] = [];
  const permissions = new Map<string, PermissionRef[]>();
  for (const spec of ROLE_SPECS) {
    const role = { id: `rol_${prng.string(16)}`, name: spec.name, description: spec.description };
    roles.push(role);
    permissions.set(
      role.id,
      catalogue.filter((p) => spec.permissions.includes('*') || spec.permissions.includes(p.permission_name)),
    );
  }
  return { roles, permissions };
}

const APP_SPECS: readonly { name: string; app_type: AppType; firstParty: boolean; orgUsage?: 'deny' | 'allow' | 'require' }[] = [
  { name: 'Customer Portal', app_type: 'spa', firstParty: true, orgUsage: 'require' },
  { name: 'Admin Console', app_type: 'regular_web', firstParty: true, orgUsage: 'allow' },
  { name: 'Mobile App (iOS)', app_type: 'native', firstParty: true },
  { name: 'Mobile App (Android)', app_type: 'native', firstParty: true },
  { name: 'Billing Worker', app_type: 'non_interactive', firstParty: true },
  { name: 'Partner Dashboard', app_type: 'regular_web', firstParty: false, orgUsage: 'require' },
  { name: 'Marketing Site', app_type: 'spa', firstParty: true, orgUsage: 'deny' },
  { name: 'Zapier Integration', app_type: 'non_interactive', firstParty: false },
  { name: 'Support Desk', app_type: 'regular_web', firstParty: true, orgUsage: 'allow' },
  { name: 'Analytics Exporter', app_type: 'non_interactive', firstParty: true },
  { name: 'Kiosk App', app_type: 'native', firstParty: true },
  { name: 'Reseller Portal', app_type: 'spa', firstParty: false, orgUsage: 'require' },
  { name: 'Inventory Sync', app_type: 'non_interactive', firstParty: true },
  { name: 'Legacy Intranet', app_type: 'regular_web', firstParty: true },
];

function grantTypesFor(appType: AppType): string[] {
  if (appType === 'non_interactive') return ['client_credentials'];
  if (appType === 'spa') return ['authorization_code', 'implicit', 'refresh_token'];
  return ALL_GRANTS.filter((g) => g !== 'client_credentials');
}

export function seedClient(
  prng: Prng,
  domain: string,
  spec: { name: string; app_type: AppType; firstParty: boolean; orgUsage?: 'deny' | 'allow' | 'require' },
  createdMs: number,
): ClientRecord {
  const slug = spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-$/, '');
  const interactive = spec.app_type !== 'non_interactive';
  const client: ClientRecord = {
    client_id: prng.string(32),
    tenant: domain.split('.')[0] ?? domain,
    name: spec.name,
    description: `${spec.name} (${spec.app_type})`,
    app_type: spec.app_type,
    is_first_party: spec.firstParty,
    global: false,
    oidc_conformant: true,
    callbacks: interactive ? [`https://${slug}.example.com/callback`] : [],
    allowed_origins: spec.app_type === 'spa' ? [`https://${slug}.example.com`] : [],
    web_origins: spec.app_type === 'spa' ? [`https://${slug}.example.com`] : [],
    allowed_logout_urls: interactive ? [`https://${slug}.example.com`] : [],
    grant_types: grantTypesFor(spec.app_type),
    token_endpoint_auth_method: spec.app_type === 'spa' || spec.app_type === 'native' ? 'none' : 'client_secret_post',
    jwt_configuration: { alg: 'RS256', lifetime_in_seconds: 36_000, secret_encoded: false },
    sso_disabled: false,
    cross_origin_authentication: spec.app_type === 'spa',
    custom_login_page_on: true,
    client_secret: seedSecret(prng, 'client.client_secret', 64),
    signing_keys: [{ cert: certificate(prng, 'client.signing_keys.cert'), pkcs7: certificate(prng, 'client.signing_keys.pkcs7'), subject: `/CN=${domain}` }],
    created_at: iso(createdMs),
  };
  if (spec.orgUsage !== undefined) {
    client.organization_usage = spec.orgUsage;
    if (spec.orgUsage === 'require') client.organization_require_behavior = 'pre_login_prompt';
  }
  if (prng.chance(0.3)) client.logo_uri = `https://${slug}.example.com/logo.png`;
  if (prng.chance(0.3)) client.client_metadata = { team: prng.pick(['growth', 'platform', 'billing']) };
  if (prng.chance(0.25)) client.encryption_key = {
      pub: seedSecret(prng, 'client.encryption_key.pub', 48),
      cert: certificate(prng, 'client.encryption_key.cert'),
      subject: `/CN=${slug}`,
    };
  if (spec.app_type === 'regular_web') {
    client.addons = {
      firebase: {
        secret: seedSecret(prng, 'client.addons.firebase.secret', 40),
        private_key_id: seedSecret(prng, 'client.addons.firebase.private_key_id', 20),
        private_key: seedSecret(prng, 'client.addons.firebase.private_key', 64),
      },
      azure_sb: { namespace: `${slug}-bus`, sasKeyName: 'RootManageSharedAccessKey', sasKey: seedSecret(prng, 'client.addons.azure_sb.sasKey', 44) },
    };
  }
  return client;
}

export function seedClients(prng: Prng, domain: string, count: number, referenceMs: number): ClientRecord[] {
  const clients: ClientRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    const base = APP_SPECS[i % APP_SPECS.length] ?? APP_SPECS[0];
    if (base === undefined) break;
    const spec = i < APP_SPECS.length ? base : { ...base, name: `${base.name} ${Math.floor(i / APP_SPECS.length) + 1}` };
    clients.push(seedClient(prng, domain, spec, referenceMs - (count - i) * 20 * DAY_MS));
  }
  return clients;
}

export function seedConnections(prng: Prng, clients: readonly ClientRecord[]): ConnectionRecord[] {
  const interactive = clients.filter((c) => c.app_type !== 'non_interactive').map((c) => c.client_id);
  const some = (): string[] => interactive.filter(() => prng.chance(0.6));
  const connection = (
    name: string,
    strategy: string,
    options: ConnectionRecord['options'],
    extra: Partial<ConnectionRecord> = {},
  ): ConnectionRecord => ({
    id: `con_${prng.string(16)}`,
    name,
    strategy,
    realms: [name],
    is_domain_connection: false,
    options,
    enabled_clients: name === 'Username-Password-Authentication' ? interactive : some(),
    ...extra,
  });
  return [
    connection('Username-Password-Authentication', 'auth0', {
      passwordPolicy: 'good',
      brute_force_protection: true,
      import_mode: false,
      password_complexity_options: { min_length: 8 },
    }),
    connection('google-oauth2', 'google-oauth2', {
      client_id: `${prng.string(12)}.apps.googleusercontent.com`,
      client_secret: seedSecret(prng, 'connection.options.client_secret', 24),
      email: true,
      profile: true,
    }),
    connection('github', 'github', { client_id: prng.string(20), client_secret: seedSecret(prng, 'connection.options.client_secret', 40), follow: false }),
    connection(
      'acme-saml',
      'samlp',
      { signInEndpoint: 'https://idp.acme.test/saml', signingCert: seedSecret(prng, 'connection.options.signingCert', 80), signSAMLRequest: true, domain_aliases: ['acme.test'] },
      { display_name: 'ACME SSO', show_as_button: true, metadata: { owner: 'acme' } },
    ),
    connection(
      'contoso-azure',
      'waad',
      { client_id: prng.string(32, HEX), client_secret: seedSecret(prng, 'connection.options.client_secret', 40), tenant_domain: 'contoso.onmicrosoft.com' },
      { display_name: 'Contoso Entra ID', show_as_button: true },
    ),
    connection('email', 'email', { email: { from: 'no-reply@example.com', subject: 'Your code' }, totp: { length: 6, time_step: 180 } }),
    connection(
      'okta-partners',
      'oidc',
      { client_id: prng.string(20), client_secret: seedSecret(prng, 'connection.options.client_secret', 40), issuer: 'https://partners.okta.test' },
      { display_name: 'Partner Okta', is_domain_connection: true },
    ),
  ];
}
