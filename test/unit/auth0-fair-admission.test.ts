import { describe, expect, it } from 'vitest';
import { isAuth0Error } from '../../src/auth0/errors.ts';
import { createRateLimiter } from '../../src/auth0/rate-limit/rate-limiter.ts';
import type { AcquireOptions, RateLimiter, RefusalReason } from '../../src/auth0/rate-limit/rate-limiter.ts';
import type { EndpointGroup } from '../../src/auth0/types.ts';
import { createFakeClock } from './auth0-fake-clock.ts';
import type { FakeClock } from './auth0-fake-clock.ts';

const never = new AbortController().signal;
const MAX_QUEUE_MS = 2_000;
// A tenth of the bound is kept for the call and its answer.
const KEPT_MS = 200;

function options(clock: FakeClock, overrides: Partial<AcquireOptions> = {}): AcquireOptions {
  return { route: '/roles', deadline: clock.now() + 10_000, signal: never, priority: false, notBefore: 0, ...overrides };
}

/** A tenant of 5 requests/s in one global bucket, as the overload report measured it. */
function fivePerSecond(clock: FakeClock, refusals: RefusalReason[] = []): RateLimiter {
  return createRateLimiter({
    clock,
    preset: { global: { burst: 5, perSecond: 5 }, groups: {} },
    maxQueueMs: MAX_QUEUE_MS,
    onRefused: (_group, reason) => refusals.push(reason),
  });
}

async function calibrate(limiter: RateLimiter, clock: FakeClock): Promise<void> {
  await limiter.acquire('other', options(clock));
  limiter.settle('other', { status: 200, headers: {}, body: null, sentAt: clock.now() });
}

interface Kind {
  readonly name: string;
  readonly group: EndpointGroup;
  /** Requests per second, one call each. */
  readonly perSecond: number;
}

/** A seeded generator in [0, 1), so the mix is shuffled the same way on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * Offers `kinds` for `seconds`, each request a flow of one call, spread evenly over each second in an order
 * shuffled per second (a fixed order would lock a kind to one phase of the refill); every grant is answered at
 * once. Returns, per kind, the calls asked, granted and the longest wait.
 */
async function offer(limiter: RateLimiter, clock: FakeClock, kinds: readonly Kind[], seconds: number) {
  const totals = new Map(kinds.map((kind) => [kind.name, { asked: 0, granted: 0, longestWaitMs: 0 }]));
  const perSecond = kinds.reduce((sum, kind) => sum + kind.perSecond, 0);
  const random = seeded(12);
  const pending: Promise<unknown>[] = [];
  for (let second = 0; second < seconds; second += 1) {
    const pattern = kinds.flatMap((kind) => Array.from({ length: kind.perSecond }, () => ({ kind, order: random() })));
    pattern.sort((a, b) => a.order - b.order);
    for (const { kind } of pattern) {
      const tally = totals.get(kind.name) ?? { asked: 0, granted: 0, longestWaitMs: 0 };
      tally.asked += 1;
      pending.push(
        limiter.acquire(kind.group, options(clock, { flow: { shape: kind.name } })).then(
          (waitedMs) => {
            tally.granted += 1;
            tally.longestWaitMs = Math.max(tally.longestWaitMs, waitedMs);
            limiter.settle(kind.group, { status: 200, headers: {}, body: null, sentAt: clock.now() });
          },
          (error: unknown) => {
            if (!isAuth0Error(error, 'AUTH0_RATE_LIMITED')) throw error;
          },
        ),
      );
      await clock.advance(Math.floor(1_000 / perSecond));
    }
    await clock.advance(1_000 - Math.floor(1_000 / perSecond) * perSecond);
  }
  await clock.advance(MAX_QUEUE_MS);
  await Promise.all(pending);
  return totals;
}

describe('fair, bounded admission under overload', () => {
  it.each([
    ['the reported mix, each kind in a lane of its own', [
      { name: 'user lookups', group: 'users', perSecond: 12 },
      { name: 'member counts', group: 'organization-members', perSecond: 2 },
      { name: 'roles', group: 'other', perSecond: 1 },
    ]],
    ['two kinds sharing one lane beside a third', [
      { name: 'lookups', group: 'other', perSecond: 6 },
      { name: 'roles', group: 'other', perSecond: 3 },
      { name: 'members', group: 'organization-members', perSecond: 6 },
    ]],
  ] as const)('at 3x demand serves %s within 20 %% of its share of the demand', async (_name, kinds) => {
    const clock = createFakeClock();
    const limiter = fivePerSecond(clock);
    await calibrate(limiter, clock);
    const totals = await offer(limiter, clock, kinds, 30);
    const asked = [...totals.values()].reduce((sum, tally) => sum + tally.asked, 0);
    const granted = [...totals.values()].reduce((sum, tally) => sum + tally.granted, 0);
    // The budget is spent (5/s less the limiter's headroom), not left idle by refusals.
    expect(granted).toBeGreaterThan(30 * 4);
    for (const [name, tally] of totals) {
      const demandShare = tally.asked / asked;
      const servedShare = tally.granted / granted;
      expect(Math.abs(servedShare - demandShare) / demandShare, name).toBeLessThanOrEqual(0.2);
      expect(tally.longestWaitMs, name).toBeLessThanOrEqual(MAX_QUEUE_MS - KEPT_MS);
    }
  });

  it('refuses at once, with retryAfter, a call that would wait behind others longer than the queue bound', async () => {
    const clock = createFakeClock();
    const refusals: RefusalReason[] = [];
    const limiter = fivePerSecond(clock, refusals);
    await calibrate(limiter, clock);
    const outcomes = Array.from({ length: 20 }, () => limiter.acquire('other', options(clock, { flow: { shape: 'one' } })).then(() => 'granted', (error: unknown) => error));
    const refusedAtOnce: unknown[] = [];
    for (const outcome of outcomes) void outcome.then((value) => value !== 'granted' && refusedAtOnce.push(value));
    await clock.settle();
    // 3 tokens in hand, then one per 1/4.75 s: 8 more are grantable in 1.8 s, the rest would wait longer.
    expect(refusedAtOnce).toHaveLength(9);
    for (const error of refusedAtOnce) {
      expect(isAuth0Error(error, 'AUTH0_RATE_LIMITED')).toBe(true);
      expect((error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(MAX_QUEUE_MS - KEPT_MS);
    }
    expect(refusals).toEqual(Array.from({ length: 9 }, () => 'queue'));
    await clock.advance(MAX_QUEUE_MS);
    expect((await Promise.all(outcomes)).filter((outcome) => outcome === 'granted')).toHaveLength(11);
  });

  it("does not count a request's own earlier calls against the bound, and lets another request's call go between them", async () => {
    const clock = createFakeClock();
    const limiter = fivePerSecond(clock);
    await calibrate(limiter, clock);
    const big = { shape: 'big' };
    const order: string[] = [];
    const bigCalls = Array.from({ length: 30 }, (_, index) => limiter.acquire('other', options(clock, { flow: big })).then(() => order.push(`big${index}`)));
    await clock.advance(1_000);
    const small = limiter.acquire('users', options(clock, { flow: { shape: 'one' } })).then(() => order.push('small'));
    await clock.advance(10_000);
    await Promise.all([...bigCalls, small]);
    expect(order).toHaveLength(31);
    // Granted right after the big request's call in service when it came, not behind its whole backlog.
    expect(order.indexOf('small')).toBeLessThanOrEqual(order.indexOf('big9') + 1);
  });

  it('refuses a queued call when later requests taking their turns push it past the bound', async () => {
    const clock = createFakeClock();
    const refusals: RefusalReason[] = [];
    const limiter = fivePerSecond(clock, refusals);
    await calibrate(limiter, clock);
    const big = { shape: 'big' };
    const bigCalls = Array.from({ length: 12 }, () => limiter.acquire('other', options(clock, { flow: big })).then(() => 'granted', () => 'refused'));
    // One new request each 100 ms: each takes its turn ahead of the big request's remaining calls.
    const others: Promise<string>[] = [];
    for (let step = 0; step < 40; step += 1) {
      others.push(limiter.acquire('other', options(clock, { flow: { shape: 'one' } })).then(() => 'granted', () => 'refused'));
      await clock.advance(100);
    }
    await clock.advance(10_000);
    const bigOutcomes = await Promise.all(bigCalls);
    expect(bigOutcomes).toContain('refused');
    expect(refusals).toContain('queue');
  });

  it('lets a streamed request wait behind others and through a 429 pause for as long as its own deadline allows', async () => {
    const clock = createFakeClock();
    const refusals: RefusalReason[] = [];
    const limiter = fivePerSecond(clock, refusals);
    await calibrate(limiter, clock);
    const streamed = { shape: 'seats', patient: true };
    const rows = Array.from({ length: 12 }, () =>
      limiter.acquire('other', options(clock, { flow: streamed, deadline: clock.now() + 300_000 })).then(() => 'granted', () => 'refused'),
    );
    for (let step = 0; step < 20; step += 1) {
      void limiter.acquire('other', options(clock, { flow: { shape: 'one' } })).catch(() => undefined);
      await clock.advance(100);
    }
    // Auth0 answers one call 429 with a reset 5 s away: every queued wait grows by that much.
    limiter.settle('other', { status: 429, headers: { 'x-ratelimit-reset': String(Math.ceil((clock.now() + 5_000) / 1000)) }, body: null, sentAt: clock.now() });
    await clock.advance(60_000);
    expect(await Promise.all(rows)).toEqual(Array.from({ length: 12 }, () => 'granted'));
  });
});
