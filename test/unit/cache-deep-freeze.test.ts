import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../src/cache/deep-freeze.ts';

describe('deepFreeze', () => {
  it('freezes every object and array of a JSON tree, through arrays of arrays', () => {
    const tree = JSON.parse('{"members":[{"user_id":"u1","roles":[{"name":"admin"}]}],"grid":[[{"x":1}]],"next":null}') as {
      members: { roles: { name: string }[] }[];
      grid: { x: number }[][];
    };
    deepFreeze(tree);
    expect(Object.isFrozen(tree)).toBe(true);
    expect(Object.isFrozen(tree.members)).toBe(true);
    expect(Object.isFrozen(tree.members[0])).toBe(true);
    expect(Object.isFrozen(tree.members[0]?.roles[0])).toBe(true);
    expect(Object.isFrozen(tree.grid[0])).toBe(true);
    expect(Object.isFrozen(tree.grid[0]?.[0])).toBe(true);
  });

  it('freezes objects without a prototype, as graphql-js builds its results', () => {
    const data: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    data.user = { email: 'x' };
    deepFreeze({ data });
    expect(Object.isFrozen(data)).toBe(true);
    expect(Object.isFrozen(data.user)).toBe(true);
  });

  it('hands back what it was given, primitives included', () => {
    const value = { a: 1 };
    expect(deepFreeze(value)).toBe(value);
    expect(deepFreeze('text')).toBe('text');
    expect(deepFreeze(null)).toBeNull();
  });
});
