import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import { familyKey, EVERYTHING, RESOURCE_TYPES } from './invalidation.ts';
import type { ResourceKey } from './invalidation.ts';
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

const tagsSchema = z.array(z.string()).default([]);
const storedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('value'), value: z.json(), tags: tagsSchema }),
  z.object({ kind: z.literal('not-found'), message: z.string(), auth0Code: z.string().optional(), tags: tagsSchema }),
]);

/**
 * Stores an entry and adds it to the set of each resource it holds, each set kept at least as long as the
 * entry. KEYS[1] is the entry, the rest its sets; ARGV the value and its lifetime in ms.
 */
const STORE = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
for i = 2, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[1])
  if redis.call('PTTL', KEYS[i]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
end`;

/** Deletes every entry of each set in KEYS, then the sets; in one script, so no entry joins a set mid-way. */
const EVICT = `
for i = 1, #KEYS do
  local members = redis.call('SMEMBERS', KEYS[i])
  for j = 1, #members, 500 do redis.call('DEL', unpack(members, j, math.min(j + 499, #members))) end
  redis.call('DEL', KEYS[i])
end`;

/**
 * The sets an entry joins: one per resource it holds, one per family of those (for `Type:*`) and one of
 * everything (for `*`), so each key a change names is exactly one set (invalidation.ts#touches).
 */
function setsOf(tags: readonly ResourceKey[]): ResourceKey[] {
  const sets = new Set<ResourceKey>(tags);
  for (const type of RESOURCE_TYPES) {
    if (tags.some((tag) => tag === type || tag.startsWith(`${type}:`))) sets.add(familyKey(type));
  }
  sets.add(EVERYTHING);
  return [...sets];
}

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
  // Resource ids are user data too, hashed like the keys.
  const setKey = (resource: ResourceKey): string => `${prefix}:tag:${createHash('sha256').update(resource).digest('base64url')}`;

  async function lookup(key: string): Promise<{ body: CachedBody; ttlMs: number; tags: readonly ResourceKey[] } | undefined> {
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
      stored.kind === 'value' ? { kind: 'value', value: stored.value } : { kind: 'not-found', message: stored.message, auth0Code: stored.auth0Code };
    return { body, ttlMs, tags: stored.tags };
  }

  /** `work`, or undefined once it took longer than the lookup timeout (then reported as a failure). */
  async function bounded<T>(work: Promise<T>): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([work, timeout]);
    } catch (error) {
      failed(error);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  // Not connected (starting, reconnecting): skip Redis rather than queue behind it. The outage
  // itself is reported by the connection's `error` event.
  const connected = (): boolean => redis.status === 'ready';

  return {
    async get(key) {
      if (!connected()) return undefined;
      return bounded(lookup(key));
    },

    set(key, body, ttlMs, tags) {
      if (!connected()) return;
      const sets = setsOf(tags).map(setKey);
      redis.eval(STORE, 1 + sets.length, redisKey(key), ...sets, JSON.stringify({ ...body, tags }), ttlMs).then(() => {
        failing = false;
      }, failed);
    },

    async evict(keys) {
      if (!connected() || keys.length === 0) return;
      await bounded(redis.eval(EVICT, keys.length, ...keys.map(setKey)));
    },

    async close() {
      if (!owned) return;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
