import { describe, expect, it } from 'vitest';
import { secondsToServe, usableSeconds } from '../../src/cost/time-to-serve.ts';
import type { CallsByLane, LaneBudgets } from '../../src/cost/time-to-serve.ts';

const slow = { tokens: 2, perSecond: 2 };
const fast = { tokens: 50, perSecond: 50 };

describe('secondsToServe', () => {
  it.each<[string, CallsByLane, LaneBudgets, number]>([
    ['nothing to call', {}, { other: slow }, 0],
    ['no budget at all: nothing paces calls', { other: 500 }, {}, 0],
    ['covered by the tokens in hand', { organizations: 2 }, { organizations: slow }, 0],
    ['what the tokens miss, at the lane rate', { other: 12 }, { other: slow }, 5],
    ['a fractional token is not a call', { other: 3 }, { other: { tokens: 1.9, perSecond: 1 } }, 2],
    ['an overdrawn bucket owes nothing extra', { other: 4 }, { other: { tokens: -3, perSecond: 2 } }, 2],
    ['lanes refill in parallel: the slowest decides', { organizations: 12, other: 101 }, { organizations: slow, other: fast }, 5],
    ['a lane without an entry is bounded by global alone', { 'member-roles': 30 }, { other: slow, global: { tokens: 10, perSecond: 10 } }, 2],
    ['global must grant the sum of every lane', { users: 40, other: 40 }, { users: fast, other: fast, global: { tokens: 20, perSecond: 20 } }, 3],
    ['a lane slower than global still decides', { users: 22 }, { users: slow, global: fast }, 10],
    ['a bucket that refills nothing never finishes', { other: 3 }, { other: { tokens: 2, perSecond: 0 } }, Infinity],
    ['an assumed budget (auto, before any header) refuses nothing', { other: 40 }, { other: { ...slow, source: 'assumed' }, global: { ...slow, source: 'assumed' } }, 0],
    ['a learned lane counts beside an assumed global', { users: 42 }, { users: { ...slow, source: 'learned' }, global: { ...slow, source: 'assumed' } }, 20],
    ['101 calls of a seats page on a paid tenant', { organizations: 1, 'organization-members': 100 }, { 'organization-members': { tokens: 15, perSecond: 15 }, global: { tokens: 40, perSecond: 40 } }, 5 + 2 / 3],
  ])('%s', (_case, calls, budgets, seconds) => {
    expect(secondsToServe(calls, budgets)).toBeCloseTo(seconds, 6);
  });
});

describe('usableSeconds', () => {
  it.each([
    [10_000, 9],
    [5_000, 4.5],
    [300_000, 299],
    [100, 0.09],
  ])('%i ms leaves %d s for the calls', (deadlineMs, seconds) => {
    expect(usableSeconds(deadlineMs)).toBeCloseTo(seconds, 6);
  });
});
