import type { Clock } from '../../src/auth0/clock.ts';

interface Sleeper {
  readonly at: number;
  readonly resolve: () => void;
}

/** A clock that only moves when the test says so; `advance` fires due sleepers in time order. */
export interface FakeClock extends Clock {
  advance(ms: number): Promise<void>;
  /** Lets pending promise chains run without moving time. */
  settle(): Promise<void>;
  readonly pendingSleepers: number;
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function createFakeClock(start = 1_700_000_000_000): FakeClock {
  let now = start;
  let sleepers: Sleeper[] = [];
  return {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const sleeper: Sleeper = {
          at: now + Math.max(0, ms),
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = (): void => {
          sleepers = sleepers.filter((candidate) => candidate !== sleeper);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        sleepers.push(sleeper);
      });
    },
    async advance(ms) {
      const target = now + ms;
      await flush();
      for (;;) {
        const due = sleepers.filter((sleeper) => sleeper.at <= target).sort((a, b) => a.at - b.at)[0];
        if (due === undefined) break;
        sleepers = sleepers.filter((sleeper) => sleeper !== due);
        now = Math.max(now, due.at);
        due.resolve();
        await flush();
      }
      now = target;
      await flush();
    },
    settle: flush,
    get pendingSleepers() {
      return sleepers.length;
    },
  };
}
