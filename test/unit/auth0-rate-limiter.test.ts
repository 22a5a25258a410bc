import { describe, expect, it } from 'vitest';
import { isAuth0Error } from '../../src/auth0/errors.ts';
import { createRateLimiter } from '../../src/auth0/rate-limit/rate-limiter.ts';
import type { AcquireOptions, RateLimiter } from '../../src/auth0/rate-limit/rate-limiter.ts';
import type { EndpointGroup } from '../../src/auth0/types.ts';
import type { SharedBucketSpec, SharedBudget } from '../../src/auth0/rate-limit/shared-budget.ts';
import { createFakeClock } from './auth0-fake-clock.ts';
import type { FakeClock } from './auth0-fake-clock.ts';

const never = new AbortController().signal;

function options(clock: FakeClock, overrides: Partial<AcquireOptions> = {}): AcquireOptions {
  return { route: '/roles', deadline: clock.now() + 60_000, signal: never, priority: false, notBefore: 0, ...overrides };
}

/** Settles the first (calibrating) request with headers that match the configuration. */
async function calibrate(limiter: RateLimiter, clock: FakeClock, group: EndpointGroup = 'other'): Promise<void> {
  await limiter.acquire(group, options(clock));
  limiter.settle(group, { status: 200, headers: {}, body: null, sentAt: clock.now() });
}

describe('createRateLimiter', () => {
  it('lets one request probe before the rest, then paces at the configured rate', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ clock, preset: { global: { burst: 5, perSecond: 10 }, groups: {} } });
    const grantedAt: number[] = [];
    const first = limiter.acquire('other', options(clock)).then(() => grantedAt.push(clock.now()));
    const rest = Array.from({ length: 8 }, () => limiter.acquire('other', options(clock)).then(() => grantedAt.push(clock.now())));
    await first;
    await clock.settle();
    expect(grantedAt).toHaveLength(1);
    limiter.settle('other', { status: 200, headers: {}, body: null, sentAt: clock.now() });
    await clock.advance(1_000);
    await Promise.all(rest);
    // capacity 4 (80 % of 5): 1 probe + 3 at once, then one every 1/9.9 s.
    expect(grantedAt.filter((at) => at === grantedAt[0])).toHaveLength(4);
    const gaps = grantedAt.slice(4).map((at, index) => at - (grantedAt[index + 3] ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(101);
  });

  it('refuses at once, with retryAfterMs, a wait that would pass the deadline', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ clock, preset: { global: { burst: 2, perSecond: 2 }, groups: {} } });
    await calibrate(limiter, clock);
    await clock.advance(1_000);
    await limiter.acquire('other', options(clock));
    const refused: unknown = await limiter.acquire('other', options(clock, { deadline: clock.now() + 100 })).catch((error: unknown) => error);
    expect(isAuth0Error(refused, 'AUTH0_RATE_LIMITED')).toBe(true);
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(100);
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(600);
  });

  it('queues background work (the change feed) behind all other work, retries included', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ clock, preset: { global: { burst: 1, perSecond: 1 }, groups: {} } });
    await calibrate(limiter, clock);
    const order: string[] = [];
    const waiting = [
      limiter.acquire('other', options(clock, { background: true })).then(() => order.push('feed')),
      limiter.acquire('other', options(clock)).then(() => order.push('fresh')),
      limiter.acquire('other', options(clock, { priority: true })).then(() => order.push('retry')),
      limiter.acquire('other', options(clock)).then(() => order.push('fresh 2')),
    ];
    await clock.advance(6_000);
    await Promise.all(waiting);
    expect(order).toEqual(['retry', 'fresh', 'fresh 2', 'feed']);
  });

  it('puts retries ahead of new work', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ clock, preset: { global: { burst: 1, perSecond: 1 }, groups: {} } });
    await calibrate(limiter, clock);
    const order: string[] = [];
    const fresh = limiter.acquire('other', options(clock)).then(() => order.push('fresh'));
    const retry = limiter.acquire('other', options(clock, { priority: true })).then(() => order.push('retry'));
    await clock.advance(3_000);
    await Promise.all([fresh, retry]);
    expect(order).toEqual(['retry', 'fresh']);
  });

  it('pauses the lane after a 429 until the next token is due, and only that lane', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({
      clock,
      preset: { global: undefined, groups: { users: { burst: 10, perSecond: 10 }, other: { burst: 10, perSecond: 10 } } },
    });
    await calibrate(limiter, clock, 'users');
    await calibrate(limiter, clock, 'other');
    await limiter.acquire('users', options(clock));
    const reset = String(Math.ceil((clock.now() + 2_000) / 1000));
    limiter.settle('users', { status: 429, headers: { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, body: {}, sentAt: clock.now() });
    const pausedUntil = limiter.snapshot().lanes.users?.pausedUntil ?? 0;
    expect(pausedUntil).toBeGreaterThan(clock.now());
    await expect(limiter.acquire('other', options(clock))).resolves.toBe(0);
    let usersGranted = false;
    const users = limiter.acquire('users', options(clock)).then(() => (usersGranted = true));
    await clock.advance(pausedUntil - clock.now() - 1);
    expect(usersGranted).toBe(false);
    await clock.advance(1);
    await users;
    expect(usersGranted).toBe(true);
  });

  it('pauses the global bucket on a global 429', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ clock, preset: { global: { burst: 10, perSecond: 10 }, groups: { users: { burst: 40, perSecond: 8 } } } });
    await calibrate(limiter, clock, 'users');
    await limiter.acquire('users', options(clock));
    limiter.settle('users', { status: 429, headers: { 'retry-after': '1' }, body: { message: 'Global limit has been reached' }, sentAt: clock.now() });
    await expect(limiter.acquire('other', options(clock, { deadline: clock.now() + 500 }))).rejects.toMatchObject({ code: 'AUTH0_RATE_LIMITED' });
  });

  it('fails a queued request with AUTH0_RATE_LIMITED when its signal aborts, and keeps serving the rest', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ clock, preset: { global: { burst: 1, perSecond: 1 }, groups: {} } });
    await calibrate(limiter, clock);
    const controller = new AbortController();
    const abandoned = limiter.acquire('other', options(clock, { signal: controller.signal }));
    const kept = limiter.acquire('other', options(clock));
    controller.abort();
    await expect(abandoned).rejects.toMatchObject({ code: 'AUTH0_RATE_LIMITED' });
    await clock.advance(1_100);
    await expect(kept).resolves.toBeGreaterThan(0);
  });

  it('refuses queued requests as soon as a 429 pause pushes their wait past the deadline', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ clock, preset: { global: { burst: 2, perSecond: 2 }, groups: {} } });
    await calibrate(limiter, clock);
    await clock.advance(1_000);
    await limiter.acquire('other', options(clock));
    const queued = limiter.acquire('other', options(clock, { deadline: clock.now() + 2_000 }));
    limiter.settle('other', { status: 429, headers: { 'retry-after': '30' }, body: {}, sentAt: clock.now() });
    await expect(queued).rejects.toMatchObject({ code: 'AUTH0_RATE_LIMITED', retryAfterMs: 30_000 });
  });

  it('waits as long as the shared budget says, paces alone while it is down, and meets it again bounded by the headers', async () => {
    const clock = createFakeClock();
    const answers = [0, 400];
    let up = true;
    const taken: (readonly SharedBucketSpec[])[] = [];
    const shared: SharedBudget = {
      take: (specs) => {
        taken.push(specs);
        return up ? Promise.resolve(answers.shift() ?? 0) : Promise.reject(new Error('redis down'));
      },
      report: () => (up ? Promise.resolve([1]) : Promise.reject(new Error('redis down'))),
    };
    const modes: string[] = [];
    const limiter = createRateLimiter({ clock, preset: { global: { burst: 10, perSecond: 10 }, groups: {} }, shared, onSharedModeChange: (state) => modes.push(state.mode) });
    await calibrate(limiter, clock);
    let grantedAt = 0;
    const second = limiter.acquire('other', options(clock)).then(() => (grantedAt = clock.now()));
    const started = clock.now();
    await clock.advance(399);
    expect(grantedAt).toBe(0);
    await clock.advance(1);
    await second;
    expect(grantedAt - started).toBe(400);

    up = false;
    await expect(limiter.acquire('other', options(clock))).resolves.toBe(0);
    expect(limiter.snapshot().shared).toMatchObject({ mode: 'local', replicas: 1, share: 1 });
    // Once refused, then granted when the shared budget answered 0 after 400 ms; the take that failed was the fourth.
    await expect(limiter.acquire('other', options(clock))).resolves.toBe(0);
    expect(taken).toHaveLength(4);

    up = true;
    await clock.advance(250);
    await limiter.acquire('other', options(clock));
    await clock.settle();
    expect(limiter.snapshot().shared?.mode).toBe('shared');
    await limiter.acquire('other', options(clock));
    expect(modes).toEqual(['local', 'shared']);
    // The first take after the outage carries the local level, which the headers keep at what Auth0 has left.
    expect(taken[4]?.[0]?.atMost).toBeTypeOf('number');
    await limiter.acquire('other', options(clock));
    expect(taken[5]?.[0]?.atMost).toBeUndefined();
  });

  it('learns a bucket the configuration lacks for that lane alone, leaving the global bucket as configured', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ clock, preset: { global: { burst: 50, perSecond: 16 }, groups: {} } });
    await limiter.acquire('other', options(clock));
    const reset = String(Math.ceil((clock.now() + 1_000) / 1000));
    limiter.settle('other', { status: 200, headers: { 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, body: [], sentAt: clock.now() });
    const { lanes } = limiter.snapshot();
    expect(lanes.other?.capacity).toBe(4);
    expect(lanes.other?.perSecond).toBeLessThanOrEqual(5);
    expect(lanes.global).toMatchObject({ capacity: 40 });
    expect(lanes.global?.perSecond).toBeCloseTo(15.84);
    expect(lanes.users).toBeUndefined();
  });
});
