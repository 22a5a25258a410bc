import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Auth0Error } from '../../src/auth0/errors.ts';
import type { Auth0Client, CacheEvent } from '../../src/auth0/types.ts';
import { createRedisTier } from '../../src/cache/redis-tier.ts';
import { createResponseCache } from '../../src/cache/response-cache.ts';
import { withResponseCache } from '../../src/cache/with-response-cache.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const TTL = 60_000;
const runPrefix = `auth0-graph-test:${randomUUID()}:`;
let testCount = 0;
/** Each test gets its own key namespace, so tests don't see each other's entries. */
let prefix = runPrefix;
let probe: Redis;
const connections: Redis[] = [];

/** A connection that is ready, so the tier does not skip Redis while it is still connecting. */
async function connect(): Promise<Redis> {
  const redis = new Redis(REDIS_URL);
  connections.push(redis);
  await once(redis, 'ready');
  return redis;
}

/** A fake Management API client answering from a table: the boundary below the cache. */
function fakeUpstream(table: Record<string, unknown>) {
  const paths: string[] = [];
  const client: Auth0Client = {
    get({ path, onCall }) {
      paths.push(path);
      const route = '/users/{id}';
      onCall?.({ method: 'GET', route, group: 'users', status: 200, attempts: 1, waitMs: 0, durationMs: 1 });
      if (!(path in table)) {
        return Promise.reject(new Auth0Error('AUTH0_NOT_FOUND', 'The user does not exist.', { route, status: 404 }));
      }
      return Promise.resolve(table[path]);
    },
    close: () => Promise.resolve(),
  };
  return { client, paths };
}

/** One replica: its own local cache, its own Redis connection, its own upstream. */
async function replica(table: Record<string, unknown>, connection?: string) {
  const lines: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
  const tier = createRedisTier(connection ?? (await connect()), { prefix, logger });
  const cache = createResponseCache({ ttlMs: TTL, maxBytes: 2 ** 20, tenant: 'acme.auth0.com', tier });
  const upstream = fakeUpstream(table);
  const events: CacheEvent[] = [];
  const client = withResponseCache(upstream.client, cache);
  const get = (path: string, query?: Record<string, string>) =>
    client.get({ path, query, onCache: (event) => events.push(event) });
  return { cache, upstream, events, get, lines };
}

/** The entries stored; each resource an entry holds has a set of its own beside them (`:tag:`). */
const storedKeys = async (namespace = prefix) => (await probe.keys(`${namespace}*`)).filter((key) => !key.includes(':tag:'));

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

beforeAll(() => {
  probe = new Redis(REDIS_URL);
});

beforeEach(() => {
  testCount += 1;
  prefix = `${runPrefix}${testCount}:`;
});

afterAll(async () => {
  const keys = await probe.keys(`${runPrefix}*`);
  if (keys.length > 0) await probe.del(...keys);
  await Promise.all([probe, ...connections].map((redis) => redis.quit()));
});

describe('the Redis tier', () => {
  it('lets a second replica answer from Redis what the first fetched, without calling Auth0', async () => {
    const user = { user_id: 'auth0|1', app_metadata: { plan: 'pro' } };
    const a = await replica({ '/users/auth0%7C1': user });
    const b = await replica({});
    try {
      await expect(a.get('/users/auth0%7C1', { fields: 'user_id,app_metadata' })).resolves.toEqual(user);
      await vi.waitFor(async () => expect(await storedKeys()).toHaveLength(1));

      const fromRedis = await b.get('/users/auth0%7C1', { fields: 'user_id,app_metadata' });
      expect(fromRedis).toEqual(user);
      expect(Object.isFrozen((fromRedis as { app_metadata: object }).app_metadata)).toBe(true);
      expect(b.upstream.paths).toEqual([]);
      expect(b.events).toEqual([{ route: '/users/{id}', outcome: 'hit' }]);
      // Now held locally too: the next get does not even ask Redis.
      await b.get('/users/auth0%7C1', { fields: 'user_id,app_metadata' });
      expect(b.cache.stats()).toMatchObject({ hits: 2, entries: 1 });
    } finally {
      await Promise.all([a.cache.close(), b.cache.close()]);
    }
  });

  it('an invalidation on one replica evicts from Redis what it touches, and only that', async () => {
    const table = { '/users/auth0%7C1': { user_id: 'auth0|1' }, '/users/auth0%7C2': { user_id: 'auth0|2' } };
    const a = await replica(table);
    const b = await replica(table);
    try {
      await a.get('/users/auth0%7C1');
      await a.get('/users/auth0%7C2');
      await vi.waitFor(async () => expect(await storedKeys()).toHaveLength(2));
      await a.cache.invalidate(['User:auth0|1']);
      expect(await storedKeys()).toHaveLength(1);
      await b.get('/users/auth0%7C1');
      await b.get('/users/auth0%7C2');
      expect(b.upstream.paths).toEqual(['/users/auth0%7C1']);
      await vi.waitFor(async () => expect(await storedKeys()).toHaveLength(2));
      await b.cache.invalidate(['*']);
      expect(await storedKeys()).toHaveLength(0);
    } finally {
      await Promise.all([a.cache.close(), b.cache.close()]);
    }
  });

  it('stores entries with the cache TTL and keeps user data out of key names', async () => {
    const a = await replica({ '/users-by-email': [{ user_id: 'auth0|2' }] });
    try {
      await a.get('/users-by-email', { email: 'someone@example.com' });
      await vi.waitFor(async () => expect(await storedKeys()).toHaveLength(1));
      for (const key of await storedKeys()) {
        expect(key).not.toContain('example.com');
        const ttl = await probe.pttl(key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(TTL);
      }
    } finally {
      await a.cache.close();
    }
  });

  it('shares a 404 as a negative entry', async () => {
    const a = await replica({});
    const b = await replica({});
    try {
      await expect(a.get('/users/ghost')).rejects.toMatchObject({ code: 'AUTH0_NOT_FOUND' });
      await vi.waitFor(async () => expect(await storedKeys()).toHaveLength(1));
      await expect(b.get('/users/ghost')).rejects.toMatchObject({ code: 'AUTH0_NOT_FOUND', status: 404 });
      expect(b.upstream.paths).toEqual([]);
    } finally {
      await Promise.all([a.cache.close(), b.cache.close()]);
    }
  });

  it('treats a value it cannot read as a miss', async () => {
    const a = await replica({ '/stats/active-users': 42 });
    const b = await replica({ '/stats/active-users': 43 });
    try {
      await a.get('/stats/active-users');
      await vi.waitFor(async () => expect(await storedKeys()).toHaveLength(1));
      for (const key of await storedKeys()) await probe.set(key, '{not json', 'PX', TTL);
      await expect(b.get('/stats/active-users')).resolves.toBe(43);
      expect(b.upstream.paths).toHaveLength(1);
      expect(b.lines).toEqual([]);
    } finally {
      await Promise.all([a.cache.close(), b.cache.close()]);
    }
  });

  it('falls back to Auth0 when Redis is unreachable, and warns once', async () => {
    const table = { '/users/u1': { user_id: 'u1' }, '/users/u2': { user_id: 'u2' } };
    const down = await replica(table, `redis://127.0.0.1:${await closedPort()}`);
    try {
      await expect(down.get('/users/u1')).resolves.toEqual({ user_id: 'u1' });
      await expect(down.get('/users/u2')).resolves.toEqual({ user_id: 'u2' });
      expect(down.upstream.paths).toEqual(['/users/u1', '/users/u2']);
      await vi.waitFor(() => expect(down.lines.length).toBeGreaterThan(0));
      expect(down.lines).toHaveLength(1);
      expect(down.lines[0]).toContain('Redis cache tier failed');
      expect(down.lines[0]).not.toContain('/users');
    } finally {
      await down.cache.close();
    }
  });
});
