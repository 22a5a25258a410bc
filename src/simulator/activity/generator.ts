import type { Prng } from '../prng.ts';
import { planTick, type Activity, type ActivityMix, type ActivityTenant } from './plan.ts';

export interface ActivityOptions {
  /** Time between ticks (wall time). @default 3000 */
  readonly intervalMs?: number;
  /** Chance per tick of a member joining or leaving an organization. @default 0.2 */
  readonly membershipChance?: number;
  /** Whether ticks run on their own; off, only `step()` runs one. @default true */
  readonly autoStart?: boolean;
}

export interface ActivityGenerator {
  /** Runs one tick now and resolves with what it did once every write has been answered. */
  step(): Promise<Activity[]>;
  stop(): void;
}

/**
 * Runs `perform` for each planned activity, one tick at a time (a tick never overlaps the previous one, so a
 * slow or rate-limited write delays the next tick rather than piling up).
 */
export function createActivityGenerator(input: {
  readonly prng: Prng;
  readonly tenant: ActivityTenant;
  readonly options: ActivityOptions;
  perform(activity: Activity): Promise<void>;
}): ActivityGenerator {
  const mix: ActivityMix = { membershipChance: input.options.membershipChance ?? 0.2 };
  let running: Promise<Activity[]> = Promise.resolve([]);
  const tick = async (): Promise<Activity[]> => {
    const activities = planTick(input.prng, input.tenant, mix);
    for (const activity of activities) await input.perform(activity);
    return activities;
  };
  const step = (): Promise<Activity[]> => (running = running.then(tick, tick));
  const timer =
    input.options.autoStart === false
      ? undefined
      : // A tick that fails (the simulator closing under a write) is dropped; the next one plans afresh.
        setInterval(() => void step().catch(() => undefined), input.options.intervalMs ?? 3000).unref();
  return {
    step,
    stop: () => clearInterval(timer),
  };
}
