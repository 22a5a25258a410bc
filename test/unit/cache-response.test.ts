import { describe, expect, it } from 'vitest';
import { Auth0Error } from '../../src/auth0/errors.ts';
import type { Auth0ErrorCode } from '../../src/auth0/errors.ts';
import type { Auth0Client, Auth0Request, CacheEvent, UpstreamCall } from '../../src/auth0/types.ts';
import { ENTRY_OVERHEAD_BYTES } from '../../src/cache/cache-budget.ts';
import { createResponseCache } from '../../src/cache/response-cache.ts';
import type { ResponseCacheOptions } from '../../src/cache/response-cache.ts';
import { withResponseCache } from '../../src/cache/with-response-cache.ts';

const TTL = 5_000;
const WINDOW = 60_000;

/** One upstream call the test settles by hand. */
interface PendingCall {
  readonly request: Auth0Request;
  reply(value: unknown): void;
  fail(code: Auth0ErrorCode): void;
}

/** A fake Management API client: the boundary below the cache, not one of our modules. */
function fakeUpstream() {
  const calls: PendingCall[] = [];
  const client: Auth0Client = {
    get(request) {
      return new Promise((resolve, reject) => {
        const route = request.path.replace(/^\/(\w+)\/[^/]+/, '/$1/{id}');
        const report = (status: number) => {
          request.onCall?.({ method: 'GET', route, group: 'other', status, attempts: 1, waitMs: 0, durationMs: 1 });
        };
        request.signal?.addEventListener('abort', () => reject(new Auth0Error('AUTH0_TIMEOUT', 'aborted', { route })));
        calls.push({
          request,
          reply(value) {
            report(200);
            resolve(value);
          },
          fail(code) {
            const status = code === 'AUTH0_NOT_FOUND' ? 404 : code === 'AUTH0_RATE_LIMITED' ? 429 : 500;
            report(status);
            reject(new Auth0Error(code, `upstream said ${status}`, { route, status }));
          },
        });
      });
    },
    close: () => Promise.resolve(),
  };
  return { client, calls };
}

function setup(options: Partial<ResponseCacheOptions> = {}) {
  const clock = { t: 0 };
  const cache = createResponseCache({
    ttlMs: TTL,
    maxBytes: 2 ** 20,
    staleWindowMs: WINDOW,
    tenant: 'acme.auth0.com',
    now: () => clock.t,
    ...options,
  });
  const upstream = fakeUpstream();
  const client = withResponseCache(upstream.client, cache);
  const events: CacheEvent[] = [];
  const upstreamCalls: UpstreamCall[] = [];
  const get = (path: string, extra: Partial<Auth0Request> = {}) =>
    client.get({
      path,
      onCache: (event) => events.push(event),
      onCall: (call) => upstreamCalls.push(call),
      ...extra,
    });
  const last = () => {
    const call = upstream.calls.at(-1);
    if (call === undefined) throw new Error('no upstream call was made');
    return call;
  };
  return { clock, cache, upstream, get, events, upstreamCalls, last };
}

const outcomes = (events: CacheEvent[]) => events.map((event) => event.outcome);

describe('withResponseCache', () => {
  it('answers from cache within the TTL and reports hit and miss', async () => {
    const { clock, get, upstream, events, upstreamCalls, last } = setup();
    const first = get('/users/u1');
    last().reply({ user_id: 'u1' });
    await expect(first).resolves.toEqual({ user_id: 'u1' });
    clock.t = TTL - 1;
    await expect(get('/users/u1')).resolves.toEqual({ user_id: 'u1' });
    expect(upstream.calls).toHaveLength(1);
    expect(upstreamCalls).toHaveLength(1);
    expect(events).toEqual([
      { route: '/users/{id}', outcome: 'miss' },
      { route: '/users/{id}', outcome: 'hit' },
    ]);
  });

  it('asks upstream again once the TTL has passed', async () => {
    const { clock, get, upstream, events, last } = setup();
    const first = get('/users/u1');
    last().reply({ v: 1 });
    await first;
    clock.t = TTL;
    const second = get('/users/u1');
    expect(upstream.calls).toHaveLength(2);
    last().reply({ v: 2 });
    await expect(second).resolves.toEqual({ v: 2 });
    expect(outcomes(events)).toEqual(['miss', 'miss']);
  });

  it('keys by path and query, so different requests do not share entries', async () => {
    const { get, upstream, last } = setup();
    const a = get('/users', { query: { fields: 'a' } });
    const b = get('/users', { query: { fields: 'b' } });
    expect(upstream.calls).toHaveLength(2);
    upstream.calls[0]?.reply(['a']);
    upstream.calls[1]?.reply(['b']);
    await expect(Promise.all([a, b])).resolves.toEqual([['a'], ['b']]);
    await expect(get('/users', { query: { fields: 'a' } })).resolves.toEqual(['a']);
    expect(last().request.query).toEqual({ fields: 'b' });
    expect(upstream.calls.map((call) => call.request.query)).toEqual([{ fields: 'a' }, { fields: 'b' }]);
  });

  it('shares one upstream call among 100 concurrent identical gets', async () => {
    const { get, upstream, events, upstreamCalls, last } = setup();
    const gets = Array.from({ length: 100 }, () => get('/organizations/o1/members', { query: { take: 50 } }));
    expect(upstream.calls).toHaveLength(1);
    last().reply({ members: [] });
    const values = await Promise.all(gets);
    expect(new Set(values).size).toBe(1);
    expect(upstreamCalls).toHaveLength(1);
    expect(outcomes(events).filter((outcome) => outcome === 'miss')).toHaveLength(1);
    expect(outcomes(events).filter((outcome) => outcome === 'shared')).toHaveLength(99);
  });

  it('shares concurrent calls even with TTL 0, but stores nothing', async () => {
    const { cache, get, upstream, last } = setup({ ttlMs: 0 });
    const a = get('/users/u1');
    const b = get('/users/u1');
    expect(upstream.calls).toHaveLength(1);
    last().reply({ user_id: 'u1' });
    await Promise.all([a, b]);
    const c = get('/users/u1');
    expect(upstream.calls).toHaveLength(2);
    last().reply({ user_id: 'u1' });
    await c;
    expect(cache.stats().entries).toBe(0);
  });

  it('lets one waiter give up without failing the others', async () => {
    const { get, upstream, events, last } = setup();
    const first = new AbortController();
    const a = get('/users/u1', { signal: first.signal });
    const b = get('/users/u1', { signal: new AbortController().signal });
    first.abort();
    await expect(a).rejects.toMatchObject({ code: 'AUTH0_TIMEOUT' });
    expect(last().request.signal?.aborted).toBe(false);
    last().reply({ user_id: 'u1' });
    await expect(b).resolves.toEqual({ user_id: 'u1' });
    expect(upstream.calls).toHaveLength(1);
    expect(outcomes(events)).toEqual(['miss', 'shared']);
  });

  it('cancels the upstream call when every waiter has given up, and starts afresh after', async () => {
    const { get, upstream, last } = setup();
    const controllers = [new AbortController(), new AbortController()];
    const gets = controllers.map((controller) => get('/users/u1', { signal: controller.signal }));
    for (const controller of controllers) controller.abort();
    await Promise.allSettled(gets);
    expect(last().request.signal?.aborted).toBe(true);
    const again = get('/users/u1');
    expect(upstream.calls).toHaveLength(2);
    last().reply({ user_id: 'u1' });
    await expect(again).resolves.toEqual({ user_id: 'u1' });
  });

  it('caches a 404 as a negative entry and rethrows it as a fresh error', async () => {
    const { get, upstream, events, last } = setup();
    const first = get('/users/missing');
    last().fail('AUTH0_NOT_FOUND');
    const firstError: unknown = await first.catch((error: unknown) => error);
    const secondError: unknown = await get('/users/missing').catch((error: unknown) => error);
    expect(firstError).toBeInstanceOf(Auth0Error);
    expect(secondError).toMatchObject({ code: 'AUTH0_NOT_FOUND', status: 404, route: '/users/{id}' });
    expect(secondError).not.toBe(firstError);
    expect(upstream.calls).toHaveLength(1);
    expect(outcomes(events)).toEqual(['miss', 'hit']);
  });

  it.each<Auth0ErrorCode>(['AUTH0_UPSTREAM', 'AUTH0_FORBIDDEN', 'AUTH0_BAD_REQUEST', 'AUTH0_RATE_LIMITED'])(
    'does not cache %s, and the failure does not poison the next call',
    async (code) => {
      const { cache, get, upstream, last } = setup();
      const a = get('/users/u1');
      last().fail(code);
      await expect(a).rejects.toMatchObject({ code });
      expect(cache.stats().entries).toBe(0);
      const c = get('/users/u1');
      expect(upstream.calls).toHaveLength(2);
      last().reply({ user_id: 'u1' });
      await expect(c).resolves.toEqual({ user_id: 'u1' });
    },
  );

  it('fails every waiter of a shared call that failed for its own reasons', async () => {
    const { get, upstream, events, last } = setup();
    const gets = [get('/users/u1'), get('/users/u1'), get('/users/u1')];
    last().fail('AUTH0_UPSTREAM');
    for (const pending of gets) await expect(pending).rejects.toMatchObject({ code: 'AUTH0_UPSTREAM' });
    expect(upstream.calls).toHaveLength(1);
    expect(outcomes(events)).toEqual(['miss', 'shared', 'shared']);
  });

  it.each<Auth0ErrorCode>(['AUTH0_TIMEOUT', 'AUTH0_RATE_LIMITED'])(
    'retries once on its own deadline when the shared call failed with %s on its starter deadline',
    async (code) => {
      const { get, upstream, events, last } = setup();
      const early = get('/users/u1', { deadline: 1_000 });
      const late = get('/users/u1', { deadline: 9_000 });
      last().fail(code);
      await expect(early).rejects.toMatchObject({ code });
      expect(upstream.calls.map((call) => call.request.deadline)).toEqual([1_000, 9_000]);
      last().reply({ user_id: 'u1' });
      await expect(late).resolves.toEqual({ user_id: 'u1' });
      expect(outcomes(events)).toEqual(['miss', 'miss']);

      const [again, joiner] = [get('/users/u2'), get('/users/u2')];
      last().fail(code);
      await expect(again).rejects.toMatchObject({ code });
      last().fail(code);
      await expect(joiner).rejects.toMatchObject({ code });
      expect(upstream.calls).toHaveLength(4);
    },
  );

  it('answers a joiner from stale data rather than retrying when the shared call timed out', async () => {
    const { clock, get, upstream, events, last } = setup();
    const fill = get('/users/u1');
    last().reply({ v: 'old' });
    await fill;
    clock.t = TTL + 1;
    const [starter, joiner] = [get('/users/u1', { deadline: 1 }), get('/users/u1', { deadline: 2 })];
    last().fail('AUTH0_TIMEOUT');
    await expect(Promise.all([starter, joiner])).resolves.toEqual([{ v: 'old' }, { v: 'old' }]);
    expect(upstream.calls).toHaveLength(2);
    expect(outcomes(events)).toEqual(['miss', 'stale', 'stale']);
  });

  it.each<Auth0ErrorCode>(['AUTH0_UPSTREAM', 'AUTH0_RATE_LIMITED', 'AUTH0_TIMEOUT'])(
    'serves stale on %s within the stale window, and not after it',
    async (code) => {
      const { clock, get, events, last } = setup();
      const fill = get('/users/u1');
      last().reply({ v: 'old' });
      await fill;
      clock.t = TTL + WINDOW - 1;
      const stale = get('/users/u1');
      last().fail(code);
      await expect(stale).resolves.toEqual({ v: 'old' });
      clock.t = TTL + WINDOW;
      const tooLate = get('/users/u1');
      last().fail(code);
      await expect(tooLate).rejects.toMatchObject({ code });
      expect(outcomes(events)).toEqual(['miss', 'stale', 'miss']);
    },
  );

  it.each<Auth0ErrorCode>(['AUTH0_FORBIDDEN', 'AUTH0_BAD_REQUEST', 'AUTH0_UNAUTHENTICATED'])(
    'does not hide %s behind a stale entry',
    async (code) => {
      const { clock, get, last } = setup();
      const fill = get('/users/u1');
      last().reply({ v: 'old' });
      await fill;
      clock.t = TTL + 1;
      const next = get('/users/u1');
      last().fail(code);
      await expect(next).rejects.toMatchObject({ code });
    },
  );

  it('serves stale when the caller deadline passes while Auth0 is slow', async () => {
    const { clock, get, events, last } = setup();
    const fill = get('/users/u1');
    last().reply({ v: 'old' });
    await fill;
    clock.t = TTL + 1;
    const controller = new AbortController();
    const slow = get('/users/u1', { signal: controller.signal });
    controller.abort();
    await expect(slow).resolves.toEqual({ v: 'old' });
    expect(outcomes(events)).toEqual(['miss', 'stale']);
  });

  it('gives callers a deeply frozen value', async () => {
    const { get, last } = setup();
    const pending = get('/users/u1');
    last().reply({ app_metadata: { plan: 'pro' }, identities: [{ provider: 'auth0' }] });
    const value = (await pending) as { app_metadata: { plan: string }; identities: { provider: string }[] };
    expect(() => {
      value.app_metadata.plan = 'free';
    }).toThrow(TypeError);
    expect(() => value.identities.push({ provider: 'x' })).toThrow(TypeError);
    await expect(get('/users/u1')).resolves.toEqual({
      app_metadata: { plan: 'pro' },
      identities: [{ provider: 'auth0' }],
    });
  });

  it('stays within its byte bound, evicting the least recently used', async () => {
    const maxBytes = 4_096;
    const { cache, get, upstream, last } = setup({ maxBytes });
    const body = { blob: 'x'.repeat(300) };
    for (let i = 0; i < 50; i += 1) {
      const pending = get(`/users/u${i}`);
      last().reply(body);
      await pending;
      expect(cache.stats().bytes).toBeLessThanOrEqual(maxBytes);
    }
    const { entries, bytes } = cache.stats();
    expect(entries).toBeGreaterThan(5);
    expect(entries).toBeLessThan(50);
    expect(bytes).toBeGreaterThan(maxBytes / 2);
    const calls = upstream.calls.length;
    const evicted = get('/users/u0');
    expect(upstream.calls).toHaveLength(calls + 1);
    last().reply(body);
    await evicted;
    await get('/users/u49');
    expect(upstream.calls).toHaveLength(calls + 1);
  });

  it.each<[string, { maxBytes?: number; maxEntries?: number }]>([
    ['bytes', { maxBytes: 32 * 1024 }],
    ['entries', { maxEntries: 100 }],
  ])('stays within its %s bound over 10,000 distinct requests', async (_bound, bounds) => {
    const { cache, get, last } = setup(bounds);
    let peak = { entries: 0, bytes: 0 };
    for (let i = 0; i < 10_000; i += 1) {
      const pending = get('/users', { query: { q: `user_id:"u${i}"` } });
      last().reply([{ user_id: `u${i}`, name: 'n'.repeat(i % 200) }]);
      await pending;
      const { entries, bytes } = cache.stats();
      peak = { entries: Math.max(peak.entries, entries), bytes: Math.max(peak.bytes, bytes) };
    }
    if (bounds.maxBytes !== undefined) {
      expect(peak.bytes).toBeLessThanOrEqual(bounds.maxBytes);
      expect(peak.bytes).toBeGreaterThan(bounds.maxBytes * 0.9);
    }
    if (bounds.maxEntries !== undefined) expect(peak.entries).toBe(bounds.maxEntries);
  });

  it('counts what holding an entry costs beyond its text, so many tiny bodies cannot outgrow the bound', async () => {
    const maxBytes = 32 * 1024;
    const { cache, get, last } = setup({ maxBytes });
    for (let i = 0; i < 1_000; i += 1) {
      const pending = get(`/users/u${i}`);
      last().reply({});
      await pending;
    }
    const { entries, bytes } = cache.stats();
    expect(bytes).toBeLessThanOrEqual(maxBytes);
    expect(entries).toBeLessThanOrEqual(Math.floor(maxBytes / ENTRY_OVERHEAD_BYTES));
    expect(entries).toBeGreaterThan(Math.floor(maxBytes / (ENTRY_OVERHEAD_BYTES + 64)));
  });

  it('hands the client the shared signal only when the caller that started the call brought one', async () => {
    const { get, upstream, last } = setup();
    const unbounded = get('/users/u1');
    last().reply({});
    await unbounded;
    const bounded = get('/users/u2', { signal: new AbortController().signal });
    last().reply({});
    await bounded;
    // Without a signal, the client keeps its own timer at the caller's deadline; with one, the signal is the deadline.
    expect(upstream.calls.map((call) => call.request.signal === undefined)).toEqual([true, false]);
  });

  it('does not store an entry larger than the whole bound', async () => {
    const { cache, get, last } = setup({ maxBytes: 1_000 });
    const pending = get('/users/u1');
    last().reply({ blob: 'x'.repeat(2_000) });
    await pending;
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('counts outcomes and clears entries', async () => {
    const { clock, cache, get, last } = setup();
    const a = get('/users/u1');
    const b = get('/users/u1');
    last().reply({ v: 1 });
    await Promise.all([a, b]);
    await get('/users/u1');
    clock.t = TTL;
    const c = get('/users/u1');
    last().fail('AUTH0_UPSTREAM');
    await c;
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, shared: 1, stale: 1, entries: 1 });
    cache.clear();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('rejects a nonsensical TTL at construction', () => {
    expect(() => createResponseCache({ ttlMs: -1, maxBytes: 2 ** 20, tenant: 't' })).toThrow(RangeError);
  });
});

describe('invalidation of the response cache', () => {
  const LONG = 600_000;

  it('keeps an entry that names its resources as long as the feed allows, and one that names none by the TTL', async () => {
    const { clock, get, upstream, last } = setup({ taggedTtlMs: () => LONG });
    const user = get('/users/u1');
    last().reply({ user_id: 'u1' });
    await user;
    const stats = get('/resource-servers');
    last().reply(3);
    await stats;
    clock.t = TTL + 8_000;
    await get('/users/u1');
    expect(upstream.calls).toHaveLength(2);
    const again = get('/resource-servers');
    expect(upstream.calls).toHaveLength(3);
    last().reply(4);
    await expect(again).resolves.toBe(4);
  });

  it('evicts exactly the entries holding a touched resource, listings by their rows too', async () => {
    const { get, cache, upstream, last } = setup({ taggedTtlMs: () => LONG });
    const fill = async (path: string, body: unknown, query?: Record<string, string>) => {
      const answer = get(path, query === undefined ? {} : { query });
      last().reply(body);
      await answer;
    };
    await fill('/users/u1', { user_id: 'u1' });
    await fill('/users/u2', { user_id: 'u2' });
    await fill('/organizations/org_1/members', { members: [{ user_id: 'u1' }], total: 1 });
    await fill('/organizations/org_2/members', { members: [{ user_id: 'u2' }], total: 1 });
    await fill('/users', [{ user_id: 'u1' }], { q: 'user_id:("u1")' });
    expect(upstream.calls).toHaveLength(5);

    await cache.invalidate(['User:u1']);
    // Still cached: u2's record and org_2's members.
    await get('/users/u2');
    await get('/organizations/org_2/members');
    expect(upstream.calls).toHaveLength(5);
    // Gone: u1's record, the members page showing u1, the search by u1's id.
    void get('/users/u1');
    void get('/organizations/org_1/members');
    void get('/users', { query: { q: 'user_id:("u1")' } });
    expect(upstream.calls).toHaveLength(8);
    for (const call of upstream.calls.slice(5)) call.reply({});
  });

  it('families and everything', async () => {
    const { get, cache, upstream, last } = setup({ taggedTtlMs: () => LONG });
    for (const path of ['/users/u1', '/organizations/org_1', '/roles/rol_1']) {
      const answer = get(path);
      last().reply({});
      await answer;
    }
    await cache.invalidate(['User:*']);
    void get('/users/u1');
    await get('/organizations/org_1');
    expect(upstream.calls).toHaveLength(4);
    last().reply({});
    await cache.invalidate(['*']);
    void get('/organizations/org_1');
    void get('/roles/rol_1');
    expect(upstream.calls).toHaveLength(6);
  });

  it('a call in flight when its resource changes answers its callers but is not kept, and later callers do not join it', async () => {
    const { get, cache, upstream } = setup({ taggedTtlMs: () => LONG });
    const before = get('/organizations/org_1/members');
    await cache.invalidate(['Organization:org_1']);
    const after = get('/organizations/org_1/members');
    expect(upstream.calls).toHaveLength(2);
    upstream.calls[0]?.reply({ members: [], total: 0 });
    upstream.calls[1]?.reply({ members: [{ user_id: 'u9' }], total: 1 });
    await expect(before).resolves.toEqual({ members: [], total: 0 });
    await expect(after).resolves.toEqual({ members: [{ user_id: 'u9' }], total: 1 });
    await expect(get('/organizations/org_1/members')).resolves.toEqual({ members: [{ user_id: 'u9' }], total: 1 });
    expect(upstream.calls).toHaveLength(2);
  });

  it('a listing in flight is not kept when a user it shows changes, though its path named no user', async () => {
    const { get, cache, upstream, last } = setup({ taggedTtlMs: () => LONG });
    const listing = get('/users', { query: { q: 'email:"a@example.com"' } });
    await cache.invalidate(['User:u1']);
    last().reply([{ user_id: 'u1' }]);
    await listing;
    void get('/users', { query: { q: 'email:"a@example.com"' } });
    expect(upstream.calls).toHaveLength(2);
  });
});
