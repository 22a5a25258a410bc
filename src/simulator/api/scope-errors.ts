import { apiError, type SimulatorHttpError } from '../errors.ts';
import type { ScopeRule } from './context.ts';

export function insufficientScope(rule: ScopeRule): SimulatorHttpError {
  const message =
    'allOf' in rule
      ? `Insufficient scope, expected all of: ${rule.allOf.join(', ')}`
      : `Insufficient scope, expected any of: ${rule.anyOf.join(', ')}`;
  return apiError(403, message, 'insufficient_scope');
}

export function isAllowed(rule: ScopeRule, scopes: ReadonlySet<string>): boolean {
  return 'allOf' in rule ? rule.allOf.every((s) => scopes.has(s)) : rule.anyOf.some((s) => scopes.has(s));
}

/** Auth0's 403 for naming, in `fields`, something the token's scopes may not read (OAS /clients). */
export function fieldsForbidden(): SimulatorHttpError {
  return apiError(403, 'Some fields cannot be read with the permissions granted by the bearer token scopes', 'insufficient_scope');
}
