import type { EndpointGroup } from '../../auth0/types.ts';

const GROUPS: Readonly<Record<string, EndpointGroup>> = {
  '/users': 'users',
  // One user by id has no row on the paid self-service plans and shares "all other endpoints" there.
  '/users-by-email': 'users',
  '/organizations': 'organizations',
  '/organizations/{id}/members': 'organization-members',
  '/organizations/{id}/members/{user_id}/roles': 'member-roles',
};

/**
 * The client's rate-limit lane of a route template (docs/auth0-api.md#limits-by-plan): user reads, the organization
 * list, organization members, member roles, and "all other endpoints combined". Plan rows finer than
 * that (organizations by id or name, invitations, clients, connections) are route buckets in the presets.
 */
export function endpointGroupOf(route: string): EndpointGroup {
  return GROUPS[route] ?? 'other';
}

/**
 * A call's rate-limit key: a read's route template, a write's method and template, since the plan tables give
 * writes rows of their own (docs/auth0-api.md#what-each-write-logs).
 */
export function limitKeyOf(method: string, template: string): string {
  return method === 'GET' ? template : `${method} ${template}`;
}
