import { describe, expect, it } from 'vitest';
import { endpointGroupOf, routeOf } from '../../src/auth0/routes.ts';

describe('routeOf', () => {
  it.each([
    ['/users/auth0%7C1/roles', '/users/{id}/roles'],
    ['/users', '/users'],
    ['/users-by-email', '/users-by-email'],
    ['/organizations/org_1/members/auth0%7C2/roles', '/organizations/{id}/members/{id}/roles'],
    ['/organizations/name/acme', '/organizations/name/{id}'],
    ['/organizations/users/members', '/organizations/{id}/members'],
    ['/stats/active-users', '/stats/active-users'],
    ['/stats/daily', '/stats/daily'],
    ['/tenants/settings', '/tenants/settings'],
    ['/roles/rol_1/users?from=abc', '/roles/{id}/users'],
    ['/resource-servers/https%3A%2F%2Fapi', '/resource-servers/{id}'],
    ['/weird-secret-word', '/{id}'],
  ])('%s → %s', (path, route) => {
    expect(routeOf(path)).toBe(route);
  });
});

describe('endpointGroupOf', () => {
  it.each([
    ['/users', 'users'],
    ['/users/{id}', 'other'],
    ['/users-by-email', 'users'],
    ['/users/{id}/roles', 'other'],
    ['/organizations', 'organizations'],
    ['/organizations/{id}', 'other'],
    ['/organizations/{id}/members', 'organization-members'],
    ['/organizations/{id}/members/{id}/roles', 'member-roles'],
    ['/roles', 'other'],
  ] as const)('%s → %s', (route, group) => {
    expect(endpointGroupOf(route)).toBe(group);
  });
});
