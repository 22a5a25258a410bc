import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CachedBody, CacheTier } from './types.ts';

export interface RedisTierOptions {
  /** Namespace of every key, so replicas of one deployment meet and others don't. */
  prefix: string;
  /** Told once per outage that Redis failed; never told keys or values. */
  logger?: Pick<Logger, 'warn'>;
  /**
   * How long a lookup may take before it counts as a miss: a slow Redis must not slow requests.
   * @default 250
   */
  timeoutMs?: number;
}

const storedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('value'), value: z.json() }),
  z.object({ kind: z.literal('not-found'), message: z.string(), auth0Code: z.string().optional() }),
]);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The optional second tier: replicas share fresh responses through Redis (GET + PTTL on a local
 * miss, SET PX on fill). Keys are hashed so user data such as emails in a query never appears in
 * Redis key names, and long search queries stay short. Any Redis failure is a miss, never an error.
 * Given a URL it owns the connection and closes it; given an instance, its owner connects it
 * (the tier skips Redis until it is ready, so a `lazyConnect` instance must be connected first),
 * listens for its errors and closes it.
 */
export function createRedisTier(connection: string | Redis, options: RedisTierOptions): CacheTier {
  const { prefix, logger, timeoutMs = 250 } = options;
  const owned = typeof connection === 'string';
  const redis =
    typeof connection === 'string'
      ? // Never queue while disconnected: a queued lookup would only be a late miss.
        new Redis(connection, { maxRetriesPerRequest: 1, enableOfflineQueue: false })
      : connection;
  let failing = false;

  function failed(error: unknown): void {
    if (failing) return;
    failing = true;
    const err = error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
    logger?.warn({ err }, 'Redis cache tier failed; serving from the local cache only until it recovers');
  }

  // Without a listener ioredis reports connection errors as unhandled; the owner of a passed-in
  // instance decides for itself.
  if (owned) redis.on('error', failed);

  const redisKey = (key: string): string => prefix + createHash('sha256').update(key).digest('base64url');

  async function lookup(key: string): Promise<{ body: CachedBody; ttlMs: number } | undefined> {
    const hashed = redisKey(key);
    const replies = await redis.pipeline().get(hashed).pttl(hashed).exec();
    const [got, ttl] = replies ?? [];
    if (got?.[0] || ttl?.[0]) throw got?.[0] ?? ttl?.[0];
    failing = false;
    const text = got?.[1];
    const ttlMs = ttl?.[1];
    if (typeof text !== 'string' || typeof ttlMs !== 'number' || ttlMs <= 0) return undefined;
    const parsed = storedSchema.safeParse(parseJson(text));
    // A value this version cannot read (another release, or garbage) is a miss, not an outage.
    if (!parsed.success) return undefined;
    const stored = parsed.data;
    const body: CachedBody =
      stored.kind === 'value' ? stored : { kind: 'not-found', message: stored.message, auth0Code: stored.auth0Code };
    return { body, ttlMs };
  }

  // Not connected (starting, reconnecting): skip Redis rather than queue behind it. The outage
  // itself is reported by the connection's `error` event.
  const connected = (): boolean => redis.status === 'ready';

  return {
    async get(key) {
      if (!connected()) return undefined;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        return await Promise.race([lookup(key), timeout]);
      } catch (error) {
        failed(error);
        return undefined;
      } finally {
        clearTimeout(timer);
      }
    },

    set(key, body, ttlMs) {
      if (!connected()) return;
      redis.set(redisKey(key), JSON.stringify(body), 'PX', ttlMs).then(() => {
        failing = false;
      }, failed);
    },

    async close() {
      if (!owned) return;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
