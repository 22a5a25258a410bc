import { describe, expect, it } from 'vitest';
import { createFixedBook, createLearningBook } from '../../src/auth0/rate-limit/bucket-book.ts';
import { describeBudget } from '../../src/auth0/rate-limit/describe-budget.ts';
import { resolveBudget } from '../../src/auth0/rate-limit/presets.ts';

const t0 = 1_700_000_000_000;
const auto = resolveBudget('auto', undefined, undefined);
const learning = () => createLearningBook(auto.preset, auto.start ?? { burst: 2, perSecond: 2 }, t0);

describe('createLearningBook (auto)', () => {
  it('starts every lane on one shared bucket at the start pace, under the ceiling global bucket', () => {
    const book = learning();
    expect(book.bucketsOf('users')).toEqual(book.bucketsOf('other'));
    const [start] = book.bucketsOf('users');
    expect(start === undefined ? undefined : book.sourceOf(start)).toBe('assumed');
    expect(book.global?.adaptive.bucket.capacity).toBe(40);
  });

  it.each([
    ['the same size: one shared bucket', 'users', 50, 'other', 50, true],
    ['different sizes: separate buckets', 'users', 40, 'organizations', 5, false],
  ] as const)('%s', (_name, first, firstLimit, second, secondLimit, shared) => {
    const book = learning();
    const a = book.describe(first, firstLimit, t0);
    const b = book.describe(second, secondLimit, t0);
    expect(a === b).toBe(shared);
    expect(book.bucketsOf(first)).toEqual([a]);
    expect(a === undefined ? undefined : book.sourceOf(a)).toBe('learned');
  });

  it('a lane whose routes answer from two buckets draws from both until one goes unseen for 30 s', () => {
    const book = learning();
    const roles = book.describe('other', 10, t0);
    const clients = book.describe('other', 5, t0 + 1_000);
    expect(book.bucketsOf('other')).toEqual([roles, clients]);
    book.describe('other', 5, t0 + 40_000);
    expect(book.bucketsOf('other')).toEqual([clients]);
  });

  it('caps a learned lane by its ceiling row: Enterprise organizations 10 / 100 per min', () => {
    const book = learning();
    const organizations = book.describe('organizations', 20, t0);
    expect(organizations?.adaptive.bucket.capacity).toBe(8);
  });
});

describe('createFixedBook (a named plan)', () => {
  it('keeps configured lanes and learns a lane the plan does not name, for that lane alone', () => {
    const book = createFixedBook(resolveBudget('enterprise', undefined, undefined).preset, t0);
    expect(book.bucketsOf('users')).toEqual([]);
    const learned = book.describe('users', 5, t0);
    expect(book.bucketsOf('users')).toEqual([learned]);
    expect(book.bucketsOf('other')).toEqual([]);
    expect(learned === undefined ? undefined : book.sourceOf(learned)).toBe('learned');
    expect(book.describe('other', 50, t0)).toBe(book.global);
  });
});

describe('describeBudget', () => {
  it('lists global first, then each lane with its own bucket, with where the numbers come from', () => {
    const budget = { capacity: 32, perSecond: 8.3214, tokens: 3, pausedUntil: 0, source: 'learned' as const };
    expect(describeBudget({ lanes: { users: budget, global: { ...budget, capacity: 40, perSecond: 15.2, source: 'configured' } }, queued: 0 })).toBe(
      'global 40 burst 15.2/s configured, users 32 burst 8.32/s learned',
    );
    expect(describeBudget({ lanes: {}, queued: 0 })).toBe('unlimited');
  });
});
