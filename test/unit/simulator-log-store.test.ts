import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../src/simulator/logs/log-entry.ts';
import { createLogStore, logIdOf } from '../../src/simulator/logs/log-store.ts';

const T0 = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
const event = (description: string): LogEvent => ({ type: 'sapi', description, details: {} });

describe('simulator log store', () => {
  it('makes 56-digit ids stamped with the ingestion instant, which sort in the order entries arrive', () => {
    expect(logIdOf(T0, 7)).toBe(`90020260102030405678000${'7'.padStart(33, '0')}`);
    expect(logIdOf(T0, 7)).toHaveLength(56);
    const store = createLogStore(0);
    // A clock that steps back must not put a later entry before an earlier one.
    const ids = [T0, T0, T0 - 5_000, T0 + 1].map((at, i) => store.append(event(String(i)), at).log_id);
    expect([...ids].sort()).toEqual(ids);
    expect(store.visible(T0 + 1).map((e) => e.description)).toEqual(['0', '1', '2', '3']);
  });

  it('fills the fields an event lacks with null, as Auth0 writes them', () => {
    const entry = createLogStore(0).append(event('Create a User'), T0);
    expect(entry).toMatchObject({ _id: entry.log_id, date: new Date(T0).toISOString(), user_id: null, connection: null, hostname: null });
  });

  it('keeps entries out of reads and listeners until the delay has passed', () => {
    const store = createLogStore(3_000);
    const heard: string[] = [];
    store.subscribe((entry) => heard.push(String(entry.description)));
    const first = store.append(event('a'), T0);
    store.append(event('b'), T0 + 1_000);
    expect(store.visible(T0 + 2_999)).toEqual([]);
    expect(store.byId(first.log_id, T0 + 2_999)).toBeUndefined();
    expect(heard).toEqual([]);
    expect(store.visible(T0 + 3_000).map((e) => e.description)).toEqual(['a']);
    expect(heard).toEqual(['a']);
    store.flush(T0 + 4_000);
    expect(heard).toEqual(['a', 'b']);
  });

  it('resumes after any id, known or not, oldest first and only up to what is visible', () => {
    const store = createLogStore(0);
    const ids = ['a', 'b', 'c', 'd'].map((d, i) => store.append(event(d), T0 + i * 10).log_id);
    expect(store.after(ids[0] as string, 2, T0 + 100).map((e) => e.description)).toEqual(['b', 'c']);
    expect(store.after(ids[1] as string, 100, T0 + 20).map((e) => e.description)).toEqual(['c']);
    expect(store.after('0', 100, T0 + 100)).toHaveLength(4);
    expect(store.after(ids[3] as string, 100, T0 + 100)).toEqual([]);
  });
});
