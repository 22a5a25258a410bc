import { describe, expect, it } from 'vitest';
import { createCallLog, type CallEntry } from '../../src/simulator/call-log.ts';

const entry = (at: number, status = 200, route = '/users'): CallEntry => ({
  method: 'GET',
  path: route,
  route,
  query: {},
  status,
  group: 'users',
  at,
});

describe('call log', () => {
  it('counts by partial match or predicate', () => {
    const log = createCallLog();
    [entry(0), entry(1, 429), entry(2, 200, '/roles')].forEach((e) => log.record(e));
    expect(log.count()).toBe(3);
    expect(log.count({ status: 200 })).toBe(2);
    expect(log.count({ status: 200, route: '/roles' })).toBe(1);
    expect(log.count((e) => e.at > 0)).toBe(2);
    log.clear();
    expect(log.entries).toHaveLength(0);
  });

  it('finds the busiest window, treating the window as half-open', () => {
    const log = createCallLog();
    [0, 100, 999, 1000, 1001, 1500, 3000].forEach((at) => log.record(entry(at)));
    expect(log.maxInAnyWindow(1000)).toBe(4);
    expect(log.maxInAnyWindow(1)).toBe(1);
    log.record(entry(1500, 429));
    expect(log.maxInAnyWindow(1000, { status: 200 })).toBe(4);
    expect(log.maxInAnyWindow(1000, { status: 429 })).toBe(1);
  });
});
