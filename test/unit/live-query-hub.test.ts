import { describe, expect, it } from 'vitest';
import { createInvalidationBus } from '../../src/cache/invalidation.ts';
import type { ResourceKey } from '../../src/cache/invalidation.ts';
import { createLiveQueryHub } from '../../src/plugins/live-query-hub.ts';
import type { LiveRun, LiveTimers } from '../../src/plugins/live-query-hub.ts';

/** Timers on a clock that moves only when the test says. */
function fakeTimers(): LiveTimers & { advance(ms: number): void } {
  let now = 0;
  let tasks: { at: number; task: () => void }[] = [];
  return {
    now: () => now,
    after(ms, task) {
      const entry = { at: now + ms, task };
      tasks.push(entry);
      return () => {
        tasks = tasks.filter((other) => other !== entry);
      };
    },
    advance(ms) {
      now += ms;
      const due = tasks.filter((entry) => entry.at <= now);
      tasks = tasks.filter((entry) => entry.at > now);
      for (const entry of due) entry.task();
    },
  };
}

/** A watched query whose runs the test settles one by one; each answers with its run number. */
function controlledRuns(reads: readonly ResourceKey[]) {
  const runs: { settle: () => void; signal: AbortSignal }[] = [];
  const run = (signal: AbortSignal): LiveRun<number> => {
    const number = runs.length + 1;
    let settle = () => {};
    const result = new Promise<number>((resolve) => {
      settle = () => resolve(number);
    });
    runs.push({ settle, signal });
    return { reads: new Set(reads), result };
  };
  return { run, runs };
}

const INTERVAL = 5_000;

function setup(maxOpen = 100) {
  const bus = createInvalidationBus();
  const timers = fakeTimers();
  const hub = createLiveQueryHub<number>({ bus, intervalMs: INTERVAL, maxOpen, timers });
  return { bus, timers, hub };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('live query hub', () => {
  it('runs a query once for every client watching it, and once more for all of them after a change it read', async () => {
    const { bus, timers, hub } = setup();
    const { run, runs } = controlledRuns(['Organization:org_1', 'Organization']);
    const clients = Array.from({ length: 50 }, () => hub.watch('seats', run)!);
    expect(runs).toHaveLength(1);
    runs[0]!.settle();
    expect(await Promise.all(clients.map((client) => client.next()))).toEqual(clients.map(() => ({ value: 1, done: false })));

    timers.advance(INTERVAL);
    bus.publish({ keys: ['Organization:org_1'], cause: 'sapi' });
    bus.publish({ keys: ['Organization:*'], cause: 'unparsed' });
    timers.advance(0);
    expect(runs).toHaveLength(2);
    runs[1]!.settle();
    expect(await Promise.all(clients.map((client) => client.next()))).toEqual(clients.map(() => ({ value: 2, done: false })));
    expect(hub.stats()).toEqual({ open: 50, watched: 1, pending: 0, reruns: 1 });
  });

  it('ignores changes to anything the query did not read', async () => {
    const { bus, timers, hub } = setup();
    const { run, runs } = controlledRuns(['Organization:org_1']);
    hub.watch('seats', run);
    runs[0]!.settle();
    await flush();
    bus.publish({ keys: ['Organization:org_2', 'Organization', 'User:*', 'Role:rol_1'], cause: 'sapi' });
    timers.advance(INTERVAL * 2);
    expect(runs).toHaveLength(1);
    expect(hub.stats().pending).toBe(0);
    bus.publish({ keys: ['*'], cause: 'gap' });
    timers.advance(0);
    expect(runs).toHaveLength(2);
  });

  it('re-runs at most once per interval, and after a run that a change overtook', async () => {
    const { bus, timers, hub } = setup();
    const { run, runs } = controlledRuns(['User:auth0|1']);
    const client = hub.watch('profile', run)!;
    runs[0]!.settle();
    await client.next();

    timers.advance(1_000);
    bus.publish({ keys: ['User:auth0|1'], cause: 's' });
    timers.advance(3_999);
    expect(runs).toHaveLength(1);
    timers.advance(1);
    expect(runs).toHaveLength(2);

    // A change while the second run is in flight: that run may have read the record before it.
    bus.publish({ keys: ['User:auth0|1'], cause: 's' });
    runs[1]!.settle();
    expect(await client.next()).toEqual({ value: 2, done: false });
    timers.advance(INTERVAL - 1);
    expect(runs).toHaveLength(2);
    timers.advance(1);
    expect(runs).toHaveLength(3);
  });

  it('hands a slow client only the newest answer', async () => {
    const { bus, timers, hub } = setup();
    const { run, runs } = controlledRuns(['Role:rol_1']);
    const client = hub.watch('role', run)!;
    runs[0]!.settle();
    await flush();
    for (const index of [1, 2]) {
      timers.advance(INTERVAL);
      bus.publish({ keys: ['Role:rol_1'], cause: 'sapi' });
      timers.advance(0);
      runs[index]!.settle();
      await flush();
    }
    expect(await client.next()).toEqual({ value: 3, done: false });
  });

  it('stops the run and forgets the query when its last client leaves', async () => {
    const { bus, timers, hub } = setup();
    const { run, runs } = controlledRuns(['Organization:org_1']);
    const first = hub.watch('seats', run)!;
    const second = hub.watch('seats', run)!;
    await first.return!();
    expect(runs[0]!.signal.aborted).toBe(false);
    await second.return!();
    expect(runs[0]!.signal.aborted).toBe(true);
    expect(hub.stats()).toEqual({ open: 0, watched: 0, pending: 0, reruns: 0 });
    bus.publish({ keys: ['*'], cause: 'gap' });
    timers.advance(INTERVAL);
    expect(runs).toHaveLength(1);
  });

  it('refuses a client past the limit of open live queries, and ends every answer on close', async () => {
    const { hub } = setup(2);
    const { run, runs } = controlledRuns([]);
    const clients = [hub.watch('a', run)!, hub.watch('b', run)!];
    expect(hub.watch('c', run)).toBeUndefined();
    hub.close();
    expect(await Promise.all(clients.map((client) => client.next()))).toEqual([{ value: undefined, done: true }, { value: undefined, done: true }]);
    expect(runs.every((entry) => entry.signal.aborted)).toBe(true);
    expect(hub.stats().open).toBe(0);
  });
});
