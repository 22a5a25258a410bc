import { describe, expect, it } from 'vitest';
import { readTokenClaims } from '../../src/check/granted-scopes.ts';

// Unsigned is enough: the check only reads what a token says about itself; the API judges the signature.
const jwt = (claims: Record<string, unknown>): string =>
  [{ alg: 'RS256', typ: 'JWT' }, claims].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.c2ln';

describe('readTokenClaims', () => {
  it.each<[string, string, { scopes?: string[]; clientId?: string }]>([
    ['scope and azp', jwt({ scope: 'read:users  read:roles', azp: 'abc', sub: 'xyz@clients' }), { scopes: ['read:users', 'read:roles'], clientId: 'abc' }],
    ['an empty scope claim is no scopes, not unknown', jwt({ scope: '', azp: 'abc' }), { scopes: [], clientId: 'abc' }],
    ['no scope claim, client from sub', jwt({ sub: 'xyz@clients' }), { clientId: 'xyz' }],
    ['a user subject names no client', jwt({ sub: 'auth0|123' }), {}],
    ['a scope claim that is not a string is unknown, the client still named', jwt({ scope: ['read:users'], azp: 'abc' }), { clientId: 'abc' }],
    ['an opaque token', 'not-a-jwt', {}],
  ])('%s', (_, token, expected) => {
    const { scopes, clientId } = readTokenClaims(token);
    expect({ ...(scopes === undefined ? {} : { scopes: [...scopes] }), ...(clientId === undefined ? {} : { clientId }) }).toEqual(expected);
  });
});
