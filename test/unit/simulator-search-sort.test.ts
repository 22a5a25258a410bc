import { describe, expect, it } from 'vitest';
import { compileUserSort, UserSearchError } from '../../src/simulator/search/index.ts';

const USERS: readonly Readonly<Record<string, unknown>>[] = [
  {
    user_id: 'auth0|ada',
    name: 'Ada Lovelace',
    username: 'ada',
    logins_count: 12,
    blocked: false,
    created_at: '2025-12-01T08:00:00.000Z',
    identities: [{ connection: 'm-conn' }, { connection: 'b-conn' }],
  },
  {
    user_id: 'google-oauth2|105',
    name: 'grace Hopper',
    username: 'Grace',
    logins_count: 0,
    created_at: '2025-12-31T00:00:00.000Z',
    identities: [{ connection: 'g-conn' }],
  },
  { user_id: 'auth0|alan', name: 'Alan Turing', blocked: true, created_at: '2026-01-01T00:00:00Z', identities: [{ connection: 'z-conn' }] },
  { user_id: 'samlp|kat', name: 'Katherine Johnson', logins_count: 200, created_at: '2024-06-15T12:00:00.000+00:00', identities: [] },
  { user_id: 'auth0|and', name: 'and', logins_count: 12, identities: [{ connection: 'c-conn' }, { connection: 'x-conn' }] },
];

const sorted = (sort: string): string[] => [...USERS].sort(compileUserSort(sort)).map((u) => String(u.user_id));

describe('compileUserSort', () => {
  it.each<[string, string[]]>([
    // Equal counts (12) fall back to user_id ascending; users without the field come last either way.
    ['logins_count:1', ['google-oauth2|105', 'auth0|ada', 'auth0|and', 'samlp|kat', 'auth0|alan']],
    ['logins_count:-1', ['samlp|kat', 'auth0|ada', 'auth0|and', 'google-oauth2|105', 'auth0|alan']],
    ['created_at:1', ['samlp|kat', 'auth0|ada', 'google-oauth2|105', 'auth0|alan', 'auth0|and']],
    ['created_at:-1', ['auth0|alan', 'google-oauth2|105', 'auth0|ada', 'samlp|kat', 'auth0|and']],
    ['name:1', ['auth0|ada', 'auth0|alan', 'auth0|and', 'google-oauth2|105', 'samlp|kat']],
    ['name:-1', ['samlp|kat', 'google-oauth2|105', 'auth0|and', 'auth0|alan', 'auth0|ada']],
    // username is case-sensitive: "Grace" sorts before "ada".
    ['username:1', ['google-oauth2|105', 'auth0|ada', 'auth0|alan', 'auth0|and', 'samlp|kat']],
    ['blocked:1', ['auth0|ada', 'auth0|alan', 'auth0|and', 'google-oauth2|105', 'samlp|kat']],
    ['blocked:-1', ['auth0|alan', 'auth0|ada', 'auth0|and', 'google-oauth2|105', 'samlp|kat']],
    ['user_id:-1', ['samlp|kat', 'google-oauth2|105', 'auth0|and', 'auth0|alan', 'auth0|ada']],
    // Several values: the smallest counts ascending, the largest descending.
    ['identities.connection:1', ['auth0|ada', 'auth0|and', 'google-oauth2|105', 'auth0|alan', 'samlp|kat']],
    ['identities.connection:-1', ['auth0|alan', 'auth0|and', 'auth0|ada', 'google-oauth2|105', 'samlp|kat']],
    [' logins_count:1 ', ['google-oauth2|105', 'auth0|ada', 'auth0|and', 'samlp|kat', 'auth0|alan']],
  ])('%s', (sort, expected) => {
    expect(sorted(sort)).toEqual(expected);
  });

  it('gives the same order whatever order the users come in', () => {
    const compare = compileUserSort('logins_count:1');
    const forward = [...USERS].sort(compare).map((u) => u.user_id);
    const backward = [...USERS].reverse().sort(compare).map((u) => u.user_id);
    expect(backward).toEqual(forward);
  });

  it.each<[string, RegExp]>([
    ['app_metadata.plan:1', /app_metadata or user_metadata/],
    ['user_metadata.theme:-1', /app_metadata or user_metadata/],
    ['app_metadata:1', /app_metadata or user_metadata/],
    ['name', /field:1/],
    ['name:2', /field:1/],
    ['name:asc', /field:1/],
    [':1', /field:1/],
    ['favourite_colour:1', /unknown field/],
    ['organization_id:1', /unknown field/],
  ])('rejects %s', (sort, message) => {
    expect(() => compileUserSort(sort)).toThrow(UserSearchError);
    expect(() => compileUserSort(sort)).toThrow(message);
  });
});
