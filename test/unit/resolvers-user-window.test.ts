import { describe, expect, it } from 'vitest';
import { INITIAL_WINDOW, advance, prepareWindow, windowClause, windowHasMore } from '../../src/resolvers/user-window.ts';

const at = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 1000).toISOString();

describe('user search windows', () => {
  it('stays in the first window while the page fits under the 1,000 cap', () => {
    const state = { ...INITIAL_WINDOW, k: 900 };
    expect(prepareWindow(state, 100)).toBe(state);
    expect(windowClause(state, 'asc')).toBeUndefined();
  });

  it('starts a new window after the last record, excluding the ids already returned at its timestamp', () => {
    const states = advance({ ...INITIAL_WINDOW, k: 998 }, [
      { user_id: 'auth0|a', created_at: at(5) },
      { user_id: 'auth0|b', created_at: at(5) },
    ]);
    const last = states.at(-1);
    if (!last) throw new Error('no state');
    expect(last).toMatchObject({ k: 1000, la: at(5), li: ['auth0|a', 'auth0|b'] });
    const next = prepareWindow(last, 100);
    expect(next).toMatchObject({ k: 0, b: 1000, lo: { at: at(5), ex: ['auth0|a', 'auth0|b'] } });
    expect(windowClause(next, 'asc')).toBe(
      `created_at:{${at(5)} TO *] OR (created_at:[${at(5)} TO ${at(5)}] AND NOT user_id:("auth0|a" OR "auth0|b"))`,
    );
    expect(windowClause(next, 'desc')).toMatch(/^created_at:\[\* TO .+\} OR/);
  });

  it('resets the tie list when the timestamp changes', () => {
    const states = advance(INITIAL_WINDOW, [
      { user_id: 'a', created_at: at(1) },
      { user_id: 'b', created_at: at(2) },
    ]);
    expect(states.map((state) => state.li)).toEqual([['a'], ['b']]);
  });

  it.each([
    [{ k: 0 }, 2500, 100, true],
    [{ k: 400 }, 500, 100, false],
    [{ k: 900 }, 1000, 100, true],
    [{ k: 0 }, 40, 40, false],
  ])('hasMore from window total (%o, total %i, returned %i)', (position, total, returned, expected) => {
    expect(windowHasMore({ ...INITIAL_WINDOW, ...position }, total, returned, 100)).toBe(expected);
  });
});
