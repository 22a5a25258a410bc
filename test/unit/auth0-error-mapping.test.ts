import { describe, expect, it } from 'vitest';
import { errorFromResponse, missingScopeOf, tokenErrorFromResponse } from '../../src/auth0/error-mapping.ts';

describe('errorFromResponse', () => {
  it.each([
    [401, { statusCode: 401, error: 'Unauthorized', message: 'Invalid token' }, 'AUTH0_UNAUTHENTICATED'],
    [403, { statusCode: 403, error: 'Forbidden', message: 'Insufficient scope, expected any of: read:users', errorCode: 'insufficient_scope' }, 'AUTH0_FORBIDDEN'],
    [404, { statusCode: 404, error: 'Not Found', message: 'The role does not exist.' }, 'AUTH0_NOT_FOUND'],
    [400, { statusCode: 400, error: 'Bad Request', message: 'You can only page through the first 1000 records.', errorCode: 'invalid_paging' }, 'AUTH0_BAD_REQUEST'],
    [414, '<html>URI too long</html>', 'AUTH0_BAD_REQUEST'],
    [429, { statusCode: 429, error: 'Too Many Requests', message: 'Global limit has been reached' }, 'AUTH0_RATE_LIMITED'],
    [408, null, 'AUTH0_UPSTREAM'],
    [503, { statusCode: 503, message: 'The query exceeded the timeout.' }, 'AUTH0_UPSTREAM'],
  ] as const)('%i → %s', (status, body, code) => {
    const error = errorFromResponse(status, body, '/users/{id}');
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.route).toBe('/users/{id}');
  });

  it('keeps Auth0 validation messages and error codes for 400s', () => {
    const error = errorFromResponse(400, { message: "Query validation error: 'Value 1000 is greater than maximum 100' on property per_page", errorCode: 'invalid_query_string' }, '/users');
    expect(error.message).toContain('greater than maximum 100');
    expect(error.auth0Code).toBe('invalid_query_string');
  });

  it('carries retryAfterMs on 429', () => {
    expect(errorFromResponse(429, {}, '/users', 1500).retryAfterMs).toBe(1500);
  });

  it('names the missing scope in the message', () => {
    const error = errorFromResponse(403, { message: 'Insufficient scope, expected any of: read:organization_members' }, '/organizations/{id}/members');
    expect(error.missingScope).toBe('read:organization_members');
    expect(error.message).toContain('grant read:organization_members');
  });
});

describe('missingScopeOf', () => {
  it.each([
    ['Insufficient scope, expected any of: read:users', 'read:users'],
    ['Insufficient scope, expected any of: read:clients, read:client_summary', 'read:clients'],
    ['Insufficient scope, expected any of: read:users,read:current_user,read:user_idp_tokens', 'read:users'],
    ['Insufficient scope, expected all of: read:users, read:roles', 'read:users read:roles'],
    ['Operation not allowed', undefined],
  ])('%s', (message, scope) => {
    expect(missingScopeOf(message)).toBe(scope);
  });
});

describe('tokenErrorFromResponse', () => {
  const audience = 'https://acme.eu.auth0.com/api/v2/';
  it.each([
    [401, { error: 'access_denied', error_description: 'Unauthorized' }, /AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET/],
    [401, { error: 'invalid_client', error_description: 'Client authentication failed' }, /AUTH0_CLIENT_SECRET/],
    [
      403,
      { error: 'access_denied', error_description: `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API.` },
      /no client grant.*read:users.*read:organizations/,
    ],
    [403, { error: 'unauthorized_client', error_description: "Grant type 'client_credentials' not allowed for the client." }, /Client Credentials/],
    [429, { error: 'too_many_requests', error_description: 'Rate limit exceeded.' }, /rate-limiting/],
    [503, null, /HTTP 503/],
  ])('%i %j', (status, body, message) => {
    const error = tokenErrorFromResponse(status, body, audience);
    expect(error.code).toBe('AUTH0_TOKEN');
    expect(error.message).toMatch(message);
  });
});
