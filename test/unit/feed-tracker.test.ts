import { describe, expect, it } from 'vitest';
import { feedHealthy, initialTrackerState, TAKE, trackPoll } from '../../src/feed/feed-tracker.ts';
import type { TrackerState } from '../../src/feed/feed-tracker.ts';
import type { LogEntry } from '../../src/feed/wire.ts';

const BOUND = 600_000;
const T0 = Date.parse('2026-12-03T10:00:00.000Z');
const entry = (id: string, date = T0): LogEntry => ({ id, date, type: 's', userId: 'auth0|1', organizationId: undefined, details: undefined });
const page = (entries: readonly LogEntry[], anchored = false) => ({ kind: 'page' as const, entries, anchored });
const many = (count: number) => Array.from({ length: count }, (_, index) => entry(String(1000 + index)));

describe('the log poll checkpoint', () => {
  it('the first read anchors at the newest entry and flushes, since what came before is unknown', () => {
    const step = trackPoll(initialTrackerState, page([entry('2', T0 + 5), entry('3', T0 + 9), entry('1', T0)], true), T0 + 10, BOUND);
    expect(step).toMatchObject({ apply: [], flush: 'start', more: false, state: { checkpoint: '3', lastSuccessAt: T0 + 10 } });
  });

  it('after an empty first read, everything the next one finds is new', () => {
    const empty = trackPoll(initialTrackerState, page([], true), T0, BOUND);
    expect(empty.state).toMatchObject({ checkpoint: undefined, emptyAnchor: true });
    const next = trackPoll(empty.state, page([entry('1')], true), T0 + 5_000, BOUND);
    expect(next).toMatchObject({ apply: [entry('1')], state: { checkpoint: '1' } });
    expect(next.flush).toBeUndefined();
    // A full page after an empty one may have missed entries beyond it.
    expect(trackPoll(empty.state, page(many(TAKE), true), T0 + 5_000, BOUND).flush).toBe('overflow');
  });

  it('reads on from the last entry of each page, and at once again when the page was full', () => {
    const start: TrackerState = { ...initialTrackerState, checkpoint: '1', lastSuccessAt: T0 };
    const short = trackPoll(start, page([entry('2'), entry('3')]), T0 + 5_000, BOUND);
    expect(short).toMatchObject({ apply: [entry('2'), entry('3')], more: false, state: { checkpoint: '3', lagMs: 5_000 } });
    const full = trackPoll(start, page(many(TAKE)), T0 + 5_000, BOUND);
    expect(full).toMatchObject({ more: true, state: { checkpoint: String(1000 + TAKE - 1) } });
    expect(trackPoll(start, page([]), T0 + 5_000, BOUND).state.checkpoint).toBe('1');
  });

  it('a lost checkpoint flushes everything and reads again from the newest', () => {
    const start: TrackerState = { ...initialTrackerState, checkpoint: '1', lastSuccessAt: T0 };
    const step = trackPoll(start, { kind: 'checkpoint-lost' }, T0 + 5_000, BOUND);
    expect(step).toMatchObject({ flush: 'checkpoint-lost', state: { emptyAnchor: false } });
    expect(step.state.checkpoint).toBeUndefined();
  });

  it('an entry that arrives later than the bound after it happened flushes everything', () => {
    const start: TrackerState = { ...initialTrackerState, checkpoint: '1', lastSuccessAt: T0 };
    expect(trackPoll(start, page([entry('2', T0)]), T0 + BOUND - 1, BOUND).flush).toBeUndefined();
    expect(trackPoll(start, page([entry('2', T0)]), T0 + BOUND + 1, BOUND).flush).toBe('lag');
  });
});

describe('a failing feed', () => {
  const healthy: TrackerState = { ...initialTrackerState, checkpoint: '1', lastSuccessAt: T0 };

  it('stays trusted within the bound, then flushes once and is no longer healthy', () => {
    let state = healthy;
    let flushes = 0;
    for (let at = T0 + 5_000; at <= T0 + BOUND + 60_000; at += 5_000) {
      const step = trackPoll(state, { kind: 'failed' }, at, BOUND);
      state = step.state;
      if (step.flush !== undefined) {
        flushes += 1;
        expect(at).toBeGreaterThan(T0 + BOUND);
        expect(at - 5_000).toBeLessThanOrEqual(T0 + BOUND);
      }
      expect(feedHealthy(state, at, BOUND)).toBe(at - T0 <= BOUND);
    }
    expect(flushes).toBe(1);
    expect(state.failingSince).toBe(T0 + 5_000);
  });

  it('recovers with its checkpoint: the missed entries are applied and it is healthy again', () => {
    const failed = trackPoll(healthy, { kind: 'failed' }, T0 + 30_000, BOUND).state;
    const step = trackPoll(failed, page([entry('2', T0 + 10_000)]), T0 + 35_000, BOUND);
    expect(step).toMatchObject({ apply: [entry('2', T0 + 10_000)], state: { failingSince: undefined, checkpoint: '2' } });
    expect(step.flush).toBeUndefined();
    expect(feedHealthy(step.state, T0 + 35_000, BOUND)).toBe(true);
  });

  it('a feed that never answered is not healthy and has nothing to flush', () => {
    const step = trackPoll(initialTrackerState, { kind: 'failed' }, T0 + BOUND * 2, BOUND);
    expect(step.flush).toBeUndefined();
    expect(feedHealthy(step.state, T0 + BOUND * 2, BOUND)).toBe(false);
  });
});
