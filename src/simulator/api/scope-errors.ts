import { apiError, type SimulatorHttpError } from '../errors.ts';
import type { RouteSpec, ScopeRule } from './context.ts';

// The "all of" wording is the OAS 403 description; the wire text for it is UNCONFIRMED, and it does not
// name the `orAnyOf` alternatives (read:role_members), as the OAS text does not either.
export function insufficientScope(rule: ScopeRule): SimulatorHttpError {
  const message =
    'allOf' in rule
      ? `Insufficient scope, expected all of: ${rule.allOf.join(', ')}`
      : `Insufficient scope, expected any of: ${rule.anyOf.join(', ')}`;
  return apiError(403, message, 'insufficient_scope');
}

export function isAllowed(rule: ScopeRule, scopes: ReadonlySet<string>): boolean {
  if (!('allOf' in rule)) return rule.anyOf.some((s) => scopes.has(s));
  return rule.allOf.every((s) => scopes.has(s)) || (rule.orAnyOf ?? []).some((s) => scopes.has(s));
}

/**
 * Auth0 checks the token's scopes before it looks anything up, so a missing scope is a 403 even for an id
 * that does not exist; the route's rule comes first, then what the query adds.
 */
export function requireScopes(spec: RouteSpec, query: URLSearchParams, scopes: ReadonlySet<string>): void {
  for (const rule of [spec.scopes, spec.queryScopes?.(query)]) {
    if (rule !== undefined && !isAllowed(rule, scopes)) throw insufficientScope(rule);
  }
}

/** Auth0's 403 for naming, in `fields`, something the token's scopes may not read (OAS /clients). */
export function fieldsForbidden(): SimulatorHttpError {
  return apiError(403, 'Some fields cannot be read with the permissions granted by the bearer token scopes', 'insufficient_scope');
}
