import type { EndpointGroup } from './types.ts';

/**
 * Path segments that are fixed words of the Management API; every other segment is an id (user ids,
 * organization ids, organization names, log ids, ...) and is replaced by `{id}` so routes carry no user data.
 */
const FIXED_SEGMENTS = new Set([
  'users', 'users-by-email', 'roles', 'permissions', 'organizations', 'members', 'name', 'invitations',
  'enabled_connections', 'client-grants', 'clients', 'connections', 'resource-servers', 'client_grants',
  'logs', 'stats', 'active-users', 'daily', 'tenants', 'settings', 'grants', 'jobs', 'tickets', 'blacklists',
  'emails', 'provider', 'email-templates', 'rules', 'actions', 'hooks', 'branding', 'keys', 'signing',
  'guardian', 'prompts', 'attack-protection', 'log-streams', 'custom-domains', 'device-credentials',
  'authentication-methods', 'enrollments', 'sessions', 'refresh-tokens', 'identities', 'multifactor',
  'status', 'search', 'federated-connections-tokensets',
]);

/** Collections whose next segment is a fixed word, not an id: `/stats/daily`, `/tenants/settings`. */
const SINGLETON_PARENTS = new Set(['stats', 'tenants']);

/**
 * '/users/auth0%7C1/roles' → '/users/{id}/roles'. Pure; for logs, metrics and error messages. The API alternates
 * collection and id, so position decides what is an id: an id that happens to spell a collection name stays hidden.
 */
export function routeOf(path: string): string {
  const bare = path.split('?')[0] ?? '';
  const segments = bare.split('/').filter((segment) => segment !== '');
  const out: string[] = [];
  let expectId = false;
  for (const [index, segment] of segments.entries()) {
    if (index === 1 && segments[0] === 'organizations' && segment === 'name') {
      out.push('name');
      expectId = true;
    } else if (expectId || !FIXED_SEGMENTS.has(segment)) {
      out.push('{id}');
      expectId = false;
    } else {
      out.push(segment);
      expectId = !SINGLETON_PARENTS.has(segment);
    }
  }
  return '/' + out.join('/');
}

/**
 * Which of Auth0's rate-limit buckets a route draws from (docs/auth0-api.md#limits-by-plan,
 * https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations).
 * Only the buckets a read-only graph hits heavily get their own lane; everything else shares "all other endpoints".
 */
export function endpointGroupOf(route: string): EndpointGroup {
  // One user by id has no row of its own on any plan's table: it draws on "all other endpoints".
  if (route === '/users' || route === '/users-by-email') return 'users';
  if (route === '/organizations/{id}/members/{id}/roles') return 'member-roles';
  if (route === '/organizations/{id}/members') return 'organization-members';
  if (route === '/organizations') return 'organizations';
  return 'other';
}
