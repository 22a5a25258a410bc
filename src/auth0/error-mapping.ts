import { z } from 'zod';
import { Auth0Error } from './errors.ts';

/** Auth0's hapi/Boom error body (docs/auth0-api.md#errors); `errorCode` is missing on some endpoints. */
const managementErrorBody = z.looseObject({
  statusCode: z.number().optional(),
  error: z.string().optional(),
  message: z.string().optional(),
  errorCode: z.string().optional(),
});

/** The token endpoint's OAuth error body (docs/auth0-api.md#token-endpoint-errors). */
const tokenErrorBody = z.looseObject({
  error: z.string().optional(),
  error_description: z.string().optional(),
});

/** "Insufficient scope, expected any of: read:users" / "…expected all of: read:users, read:roles". */
const SCOPE_MESSAGE = /expected (any|all) of:\s*(.+)$/i;

/** The scopes the graph reads with; named whenever the fix is "grant scopes". */
export const GRAPH_SCOPES = [
  'read:users', 'read:roles', 'read:clients', 'read:connections', 'read:organizations',
  'read:organization_members', 'read:organization_member_roles', 'read:organization_connections',
  'read:organization_invitations', 'read:stats',
] as const;

/** The scope to grant: the first of an "any of" list (the plainest), or every scope of an "all of" list. */
export function missingScopeOf(message: string): string | undefined {
  const match = SCOPE_MESSAGE.exec(message.trim());
  if (match === null) return undefined;
  const scopes = (match[2] ?? '').split(/[,\s]+/).filter((scope) => scope !== '');
  if (scopes.length === 0) return undefined;
  return match[1]?.toLowerCase() === 'all' ? scopes.join(' ') : scopes[0];
}

/** Maps a non-2xx Management API response to a typed error. Pure; the message names the route, never the query. */
export function errorFromResponse(status: number, body: unknown, route: string, retryAfterMs?: number): Auth0Error {
  const parsed = managementErrorBody.safeParse(body);
  const detail = parsed.success ? parsed.data : {};
  const auth0Code = detail.errorCode;
  const upstreamMessage = detail.message ?? detail.error ?? `HTTP ${status}`;
  const base = { route, status, auth0Code };
  if (status === 401) {
    return new Auth0Error('AUTH0_UNAUTHENTICATED', `Auth0 rejected the Management API token on GET ${route} (${upstreamMessage})`, base);
  }
  if (status === 403) {
    const missingScope = missingScopeOf(upstreamMessage);
    const fix = missingScope === undefined ? '' : `: grant ${missingScope} to the application's Management API client grant`;
    return new Auth0Error('AUTH0_FORBIDDEN', `Auth0 refused GET ${route} (${upstreamMessage})${fix}`, { ...base, missingScope });
  }
  if (status === 404) return new Auth0Error('AUTH0_NOT_FOUND', `GET ${route}: ${upstreamMessage}`, base);
  if (status === 429) {
    return new Auth0Error('AUTH0_RATE_LIMITED', `Auth0 rate limit reached on GET ${route}`, { ...base, retryAfterMs });
  }
  if (status === 408 || status >= 500) {
    return new Auth0Error('AUTH0_UPSTREAM', `Auth0 failed GET ${route} with HTTP ${status}`, base);
  }
  return new Auth0Error('AUTH0_BAD_REQUEST', `Auth0 rejected GET ${route}: ${upstreamMessage}`, base);
}

/**
 * Maps a token-endpoint failure to a message that says what to fix (docs/auth0-api.md#token-endpoint-errors). Auth0's descriptions are
 * matched loosely because their wording has changed over the years.
 */
export function tokenErrorFromResponse(status: number, body: unknown, audience: string, retryAfterMs?: number): Auth0Error {
  const parsed = tokenErrorBody.safeParse(body);
  const error = parsed.success ? (parsed.data.error ?? '') : '';
  const description = parsed.success ? (parsed.data.error_description ?? '') : '';
  const details = { route: '/oauth/token', status, auth0Code: error === '' ? undefined : error };
  if (status === 429 || error === 'too_many_requests') {
    return new Auth0Error(
      'AUTH0_TOKEN',
      'The Auth0 token endpoint is rate-limiting this application; tokens are cached, so check for other processes requesting tokens with the same client',
      { ...details, retryAfterMs },
    );
  }
  if (error === 'unauthorized_client' || /grant type/i.test(description)) {
    return new Auth0Error(
      'AUTH0_TOKEN',
      "The application may not use the client_credentials grant: enable 'Client Credentials' under the application's Advanced Settings → Grant Types",
      details,
    );
  }
  if (/client-grant|not authorized to access/i.test(description)) {
    return new Auth0Error(
      'AUTH0_TOKEN',
      `The application has no client grant for the Management API (${audience}): authorize it under APIs → Auth0 Management API → Machine to Machine Applications and grant ${GRAPH_SCOPES.join(', ')}`,
      details,
    );
  }
  if (status === 401 || error === 'access_denied' || error === 'invalid_client') {
    return new Auth0Error('AUTH0_TOKEN', 'Auth0 rejected the client credentials: check AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET', details);
  }
  if (status === 403) {
    return new Auth0Error('AUTH0_TOKEN', `The token endpoint refused the application (${error || `HTTP ${status}`}); check its grants for ${audience}`, details);
  }
  return new Auth0Error('AUTH0_TOKEN', `The Auth0 token endpoint failed with HTTP ${status}; no valid Management API token is available`, details);
}
