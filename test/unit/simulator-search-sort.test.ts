import { describe, expect, it } from 'vitest';
import { compileUserOrder, leadingUsers, UserSearchError } from '../../src/simulator/search/index.ts';
import type { UserOrder } from '../../src/simulator/search/index.ts';

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

const sorted = (sort: string, users = USERS): string[] => leadingUsers(users, compileUserOrder(sort), users.length).map((u) => String(u.user_id));

/** The plain reading of the rule, a key worked out on every comparison: what the heap selection must agree with. */
function reference(order: UserOrder): (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>) => number {
  return (a, b) => {
    const ka = order.keyOf(a);
    const kb = order.keyOf(b);
    if (ka !== kb) {
      if (ka === undefined) return 1;
      if (kb === undefined) return -1;
      return ka < kb ? -order.direction : order.direction;
    }
    return String(a.user_id) < String(b.user_id) ? -1 : 1;
  };
}

describe('compileUserOrder and leadingUsers', () => {
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
    expect(sorted('logins_count:1', [...USERS].reverse())).toEqual(sorted('logins_count:1'));
  });

  it.each<[string, (string | number | undefined)[]]>([
    // A date's key is its instant, whatever zone it was written in; a user without one has no key.
    ['created_at:1', [Date.parse('2025-12-01T08:00:00.000Z'), Date.parse('2025-12-31T00:00:00.000Z'), Date.parse('2026-01-01T00:00:00Z'), Date.parse('2024-06-15T12:00:00Z'), undefined]],
    ['name:1', ['ada lovelace', 'grace hopper', 'alan turing', 'katherine johnson', 'and']],
    ['blocked:1', [0, undefined, 1, undefined, undefined]],
    ['identities.connection:1', ['b-conn', 'g-conn', 'z-conn', undefined, 'c-conn']],
    ['identities.connection:-1', ['m-conn', 'g-conn', 'z-conn', undefined, 'x-conn']],
    ['username:1', ['ada', 'Grace', undefined, undefined, undefined]],
  ])('keys %s once per user', (sort, keys) => {
    const order = compileUserOrder(sort);
    expect(USERS.map((user) => order.keyOf(user))).toEqual(keys);
  });

  it('keeps exactly the leading users of the full order, ties and keyless users included', () => {
    let seed = 7;
    const next = (n: number): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
    const users = Array.from({ length: 400 }, (_, i) => ({
      user_id: `u|${next(1000)}-${i}`,
      ...(next(5) === 0 ? {} : { logins_count: next(20) }),
      created_at: new Date(Date.UTC(2025, 0, 1) + next(50) * 1000).toISOString(),
      name: ['b', 'A', 'a', 'C'][next(4)],
    }));
    for (const sort of ['logins_count:1', 'logins_count:-1', 'created_at:1', 'created_at:-1', 'name:1', 'name:-1']) {
      const order = compileUserOrder(sort);
      const expected = [...users].sort(reference(order));
      for (const limit of [0, 1, 37, 399, 400, 1000]) expect(leadingUsers(users, order, limit)).toEqual(expected.slice(0, limit));
    }
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
    expect(() => compileUserOrder(sort)).toThrow(UserSearchError);
    expect(() => compileUserOrder(sort)).toThrow(message);
  });
});
