import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Invalidation } from '../cache/invalidation.ts';
import { initialTrackerState, trackerStateSchema } from './feed-tracker.ts';
import type { TrackerState } from './feed-tracker.ts';

/**
 * What replicas share about the feed: who polls (one at a time), where the poll stands, and the invalidations
 * each replica must apply. Alone, the replica is always the poller and keeps the state in memory; with Redis,
 * a lock with expiry picks the poller and pub/sub carries invalidations (docs/design.md#replicas-and-the-feed).
 */
export interface FeedCoordination {
  /** Takes or keeps the poller's role; false while another live replica holds it. */
  lead(): Promise<boolean>;
  /** The poll's state as the poller last saved it. */
  load(): Promise<TrackerState>;
  save(state: TrackerState): Promise<void>;
  /** Tells the other replicas; they are told nothing of their own. */
  broadcast(invalidation: Invalidation): Promise<void>;
  /** What the other replicas broadcast. */
  onRemote(listener: (invalidation: Invalidation) => void): void;
  /** Resolves once Redis answers and remote invalidations are being heard, or once it failed to. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function localCoordination(): FeedCoordination {
  let state = initialTrackerState;
  return {
    lead: () => Promise.resolve(true),
    load: () => Promise.resolve(state),
    save: (next) => {
      state = next;
      return Promise.resolve();
    },
    broadcast: () => Promise.resolve(),
    onRemote: () => undefined,
    ready: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

export interface RedisCoordinationOptions {
  /** Namespace of the lock, the state and the channel; replicas of one deployment share it. */
  readonly prefix: string;
  /** How long the lock outlives its holder's last renewal: a dead poller is replaced after at most this. */
  readonly lockMs: number;
  /** Told once per outage; never told keys or values. */
  readonly onError?: (error: unknown) => void;
}

/** Renews the lock when this replica holds it, else takes it if it is free. 1 when this replica holds it now. */
const LEAD = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0`;

const messageSchema = z.object({ origin: z.string(), keys: z.array(z.string()), cause: z.string() });

/**
 * Replicas on one Redis. `redis` is the shared connection (commands); a duplicate subscribes, since a
 * subscribed connection can do nothing else. If Redis fails, the replica polls and keeps state alone until
 * it returns, so the feed never stops because Redis did.
 */
export function redisCoordination(redis: Redis, options: RedisCoordinationOptions): FeedCoordination {
  const { prefix, lockMs, onError } = options;
  const me = randomUUID();
  const lockKey = `${prefix}:lock`;
  const stateKey = `${prefix}:state`;
  const channel = `${prefix}:invalidations`;
  const local = localCoordination();
  const listeners: ((invalidation: Invalidation) => void)[] = [];
  // Queued until connected: the shared connection refuses commands while it is down, a subscription must wait.
  const subscriber = redis.duplicate({ enableOfflineQueue: true });
  subscriber.on('error', (error: unknown) => onError?.(error));
  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return;
    }
    const message = messageSchema.safeParse(raw);
    if (!message.success || message.data.origin === me) return;
    for (const listener of listeners) listener({ keys: message.data.keys, cause: message.data.cause });
  });
  const subscribed = subscriber.subscribe(channel).then(() => undefined, onError);
  // Until the shared connection is up its commands fail, and the replica would poll alone.
  const connected =
    redis.status === 'ready'
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          redis.once('ready', () => resolve());
          redis.once('error', () => resolve());
        });

  async function orLocal<T>(work: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      onError?.(error);
      return fallback();
    }
  }

  return {
    lead: () => orLocal(async () => (await redis.eval(LEAD, 1, lockKey, me, lockMs)) === 1, local.lead),
    load: () =>
      orLocal(async () => {
        const text = await redis.get(stateKey);
        const parsed = text === null ? undefined : trackerStateSchema.safeParse(JSON.parse(text));
        return parsed?.success === true ? parsed.data : initialTrackerState;
      }, local.load),
    save: async (state) => {
      await local.save(state);
      await orLocal(async () => {
        await redis.set(stateKey, JSON.stringify(state));
      }, () => Promise.resolve());
    },
    broadcast: (invalidation) =>
      orLocal(async () => {
        await redis.publish(channel, JSON.stringify({ origin: me, keys: invalidation.keys, cause: invalidation.cause }));
      }, () => Promise.resolve()),
    onRemote: (listener) => {
      listeners.push(listener);
    },
    ready: () => Promise.all([subscribed, connected]).then(() => undefined),
    close: async () => {
      // Hand the role over at once rather than after the lock's expiry.
      await redis.eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end`, 1, lockKey, me).catch(() => undefined);
      subscriber.disconnect();
    },
  };
}
