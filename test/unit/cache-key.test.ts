import { describe, expect, it } from 'vitest';
import { cacheKey } from '../../src/cache/cache-key.ts';

describe('cacheKey', () => {
  it.each([
    ['no query', undefined, 't GET /users'],
    ['empty query', {}, 't GET /users'],
    ['only undefined values', { q: undefined }, 't GET /users'],
    [
      'sorted keys',
      { per_page: 100, fields: 'user_id,email', page: 0 },
      't GET /users?fields=user_id%2Cemail&page=0&per_page=100',
    ],
    ['repeated keys keep their order', { strategy: ['b', 'a'] }, 't GET /users?strategy=b&strategy=a'],
    ['empty array sends nothing', { strategy: [] }, 't GET /users'],
    ['values are encoded', { q: 'email:"a&b=c"' }, 't GET /users?q=email%3A%22a%26b%3Dc%22'],
  ])('%s', (_name, query, expected) => {
    expect(cacheKey('t', '/users', query)).toBe(expected);
  });

  it('ignores the order query keys were given in', () => {
    expect(cacheKey('t', '/users', { a: '1', b: '2' })).toBe(cacheKey('t', '/users', { b: '2', a: '1' }));
  });

  it('treats a value like its wire form', () => {
    expect(cacheKey('t', '/users', { include_totals: true, per_page: 5 })).toBe(
      cacheKey('t', '/users', { include_totals: 'true', per_page: '5' }),
    );
  });

  it('separates what Auth0 would answer differently', () => {
    const keys = new Set([
      cacheKey('t', '/users', { fields: 'a,b' }),
      cacheKey('t', '/users', { fields: 'b,a' }),
      cacheKey('u', '/users', { fields: 'a,b' }),
      cacheKey('t', '/users/x', { fields: 'a,b' }),
      cacheKey('t', '/users', { fields: 'a,b', include_fields: false }),
      // A key containing `=` or `&` must not collide with a split pair.
      cacheKey('t', '/users', { 'a=b': 'c' }),
      cacheKey('t', '/users', { a: 'b=c' }),
    ]);
    expect(keys.size).toBe(7);
  });
});
