import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../../src/auth0/circuit/circuit-breaker.ts';
import type { Admission, CircuitBreaker, SharedOpen } from '../../src/auth0/circuit/circuit-breaker.ts';
import { createSharedCircuit } from '../../src/auth0/circuit/shared-circuit.ts';
import type { CircuitStore } from '../../src/auth0/circuit/shared-circuit.ts';
import { verdictOfError, verdictOfStatus } from '../../src/auth0/circuit/verdict.ts';
import type { Attempt, AttemptFn } from '../../src/auth0/attempt.ts';
import { withCircuitBreaker } from '../../src/auth0/circuit/with-circuit-breaker.ts';
import { Auth0Error } from '../../src/auth0/errors.ts';
import { createFakeClock } from './auth0-fake-clock.ts';
import type { FakeClock } from './auth0-fake-clock.ts';

/** No jitter: every open lasts exactly its interval. */
const breakerOn = (clock: FakeClock): CircuitBreaker => createCircuitBreaker({ clock, random: () => 0.5 });

/** Sends one attempt through `breaker` that ends with `verdict`, or says why it was refused. */
function attempt(breaker: CircuitBreaker, verdict: 'up' | 'down' | 'unknown'): Admission {
  const admission = breaker.admit();
  breaker.record(verdict, admission);
  return admission;
}

function failTimes(breaker: CircuitBreaker, times: number): void {
  for (let i = 0; i < times; i += 1) attempt(breaker, 'down');
}

describe('what an attempt says about Auth0', () => {
  it.each([
    [200, null, 'up'],
    [400, null, 'up'],
    [401, null, 'up'],
    [404, null, 'up'],
    [429, null, 'up'],
    [501, null, 'up'],
    [408, null, 'down'],
    [500, { message: 'Internal Server Error' }, 'down'],
    [502, 'Bad Gateway', 'down'],
    [503, { statusCode: 503, message: 'Service Unavailable' }, 'down'],
    [503, { statusCode: 503, message: 'The query exceeded the timeout. Please try refining your search criteria.' }, 'up'],
  ] as const)('HTTP %i %j → %s', (status, body, verdict) => {
    expect(verdictOfStatus(status, body)).toBe(verdict);
  });

  it.each([
    ['no response', new Auth0Error('AUTH0_UPSTREAM', 'reset', { status: 0 }), 'down'],
    ['token endpoint unreachable', new Auth0Error('AUTH0_TOKEN', 'unreachable', { status: 0 }), 'down'],
    ['token endpoint 503', new Auth0Error('AUTH0_TOKEN', 'failed', { status: 503 }), 'down'],
    ['credentials refused', new Auth0Error('AUTH0_TOKEN', 'refused', { status: 401 }), 'up'],
    ['our own deadline', new Auth0Error('AUTH0_TIMEOUT', 'deadline', { status: 0 }), 'unknown'],
    ['a rate-limit refusal', new Auth0Error('AUTH0_RATE_LIMITED', 'refused', { retryAfterMs: 500 }), 'unknown'],
    ['an open circuit', new Auth0Error('AUTH0_UNAVAILABLE', 'not sent', { retryAfterMs: 500 }), 'unknown'],
    ['anything else', new Error('bug'), 'unknown'],
  ] as const)('%s → %s', (_name, error, verdict) => {
    expect(verdictOfError(error)).toBe(verdict);
  });
});

describe('the circuit breaker', () => {
  it('opens after five attempts in a row find Auth0 down; an answer in between starts the count again', () => {
    const breaker = breakerOn(createFakeClock());
    failTimes(breaker, 4);
    attempt(breaker, 'up');
    failTimes(breaker, 4);
    attempt(breaker, 'unknown');
    expect(breaker.snapshot().state).toBe('closed');
    attempt(breaker, 'down');
    expect(breaker.snapshot()).toMatchObject({ state: 'open', retryAfterMs: 250, opens: 1 });
  });

  it('refuses while open, saying when to retry, and lets exactly one probe through after the interval', async () => {
    const clock = createFakeClock();
    const breaker = breakerOn(clock);
    failTimes(breaker, 5);
    await clock.advance(100);
    expect(breaker.admit()).toEqual({ send: false, retryAfterMs: 150 });
    await clock.advance(150);
    expect(breaker.snapshot().state).toBe('half-open');
    const probe = breaker.admit();
    expect(probe).toEqual({ send: true, probe: true });
    expect(breaker.admit()).toEqual({ send: false, retryAfterMs: 250 });
    expect(breaker.snapshot().refused).toBe(2);
    expect(breaker.record('up', probe)).toBe('closed');
    expect(breaker.admit()).toEqual({ send: true, probe: false });
  });

  it('doubles the interval after each failed probe up to 1 s, and starts again from 250 ms once closed', async () => {
    const clock = createFakeClock();
    const breaker = breakerOn(clock);
    failTimes(breaker, 5);
    const intervals: number[] = [];
    for (let probe = 0; probe < 5; probe += 1) {
      const { retryAfterMs } = breaker.snapshot();
      intervals.push(retryAfterMs);
      await clock.advance(retryAfterMs);
      expect(attempt(breaker, 'down')).toEqual({ send: true, probe: true });
    }
    expect(intervals).toEqual([250, 500, 1_000, 1_000, 1_000]);
    expect(breaker.snapshot().opens).toBe(6);
    await clock.advance(1_000);
    attempt(breaker, 'up');
    failTimes(breaker, 5);
    expect(breaker.snapshot().retryAfterMs).toBe(250);
  });

  it('through 30 s of outage under steady demand sends about one probe a second, and the first attempt after a probe sees Auth0 back succeeds', async () => {
    const clock = createFakeClock();
    // The latest jitter: probes as far apart as they can be.
    const breaker = createCircuitBreaker({ clock, random: () => 0.999 });
    const recoveredAt = 30_000;
    const sentPerSecond = new Map<number, number>();
    const refusedAfterRecovery: number[] = [];
    let firstSuccessAt: number | undefined;
    // An attempt every 50 ms, 20 a second, as a busy server makes them.
    for (let at = 0; firstSuccessAt === undefined; at += 50) {
      await clock.advance(at - clock.now());
      const admission = breaker.admit();
      if (!admission.send) {
        if (at >= recoveredAt) refusedAfterRecovery.push(at);
        continue;
      }
      const second = Math.floor(at / 1_000);
      sentPerSecond.set(second, (sentPerSecond.get(second) ?? 0) + 1);
      const up = at >= recoveredAt;
      breaker.record(up ? 'up' : 'down', admission);
      if (up) firstSuccessAt = at;
    }
    // The five that opened it and its first probes, then at most two in any second, one a second once the interval is at its cap.
    expect(sentPerSecond.get(0)).toBeLessThanOrEqual(5 + 2);
    expect(Math.max(...[...sentPerSecond].filter(([second]) => second > 0).map(([, sent]) => sent))).toBeLessThanOrEqual(2);
    expect([...sentPerSecond].filter(([second]) => second >= 3 && second < 30).every(([, sent]) => sent === 1)).toBe(true);
    // Recovery is seen at the next probe, at most one capped interval (1 s + a fifth) later; that probe is a request answered.
    expect(firstSuccessAt! - recoveredAt).toBeLessThanOrEqual(1_200);
    expect(refusedAfterRecovery.length).toBeLessThanOrEqual(1_200 / 50);
    expect(breaker.snapshot().state).toBe('closed');
    expect(breaker.admit()).toEqual({ send: true, probe: false });
  });

  it('jitters each open interval by up to a fifth either way', () => {
    const clock = createFakeClock();
    const early = createCircuitBreaker({ clock, random: () => 0 });
    const late = createCircuitBreaker({ clock, random: () => 0.999 });
    failTimes(early, 5);
    failTimes(late, 5);
    expect(early.snapshot().retryAfterMs).toBe(200);
    expect(late.snapshot().retryAfterMs).toBe(300);
  });

  it('frees the probe slot when the probe says nothing about Auth0, and ignores late answers to calls sent before it opened', async () => {
    const clock = createFakeClock();
    const breaker = breakerOn(clock);
    const early = breaker.admit();
    failTimes(breaker, 5);
    expect(breaker.record('up', early)).toBeUndefined();
    expect(breaker.snapshot().state).toBe('open');
    await clock.advance(1_000);
    attempt(breaker, 'unknown');
    expect(breaker.admit()).toEqual({ send: true, probe: true });
  });

  it('adopts an open circuit another replica stored, but not a read older than its own last change', async () => {
    const clock = createFakeClock();
    const breaker = breakerOn(clock);
    const shared: SharedOpen = { remainingMs: 3_000, intervalMs: 4_000 };
    breaker.adopt(shared, clock.now());
    expect(breaker.snapshot()).toMatchObject({ state: 'open', retryAfterMs: 3_000, intervalMs: 4_000, opens: 1 });
    const readBefore = clock.now();
    await clock.advance(3_000);
    const probe = breaker.admit();
    breaker.record('up', probe);
    breaker.adopt(shared, readBefore);
    expect(breaker.snapshot().state).toBe('closed');
  });

  it('lets one probe go early when the stored circuit is gone: another replica saw Auth0 answer', async () => {
    const clock = createFakeClock();
    const breaker = breakerOn(clock);
    breaker.adopt({ remainingMs: 5_000, intervalMs: 5_000 }, clock.now());
    await clock.advance(100);
    breaker.adopt(undefined, clock.now());
    expect(breaker.admit()).toEqual({ send: true, probe: true });
  });
});

/** A store in memory, as Redis would hold the key; `broken` makes every call fail, `stuck` never answer. */
function memoryStore(clock: FakeClock): CircuitStore & { broken: boolean; stuck: boolean; reads: number } {
  let until = 0;
  let intervalMs = 0;
  const store = {
    broken: false,
    stuck: false,
    reads: 0,
    answer<T>(value: () => T): Promise<T> {
      if (store.stuck) return new Promise<T>(() => undefined);
      return store.broken ? Promise.reject(new Error('connection lost')) : Promise.resolve(value());
    },
    read() {
      store.reads += 1;
      return store.answer(() => (clock.now() < until ? { remainingMs: until - clock.now(), intervalMs } : undefined));
    },
    open(interval: number, forMs: number) {
      return store.answer(() => {
        intervalMs = interval;
        until = clock.now() + forMs;
      });
    },
    close() {
      return store.answer(() => {
        until = 0;
      });
    },
  };
  return store;
}

describe('a circuit shared through a store', () => {
  const circuitOn = (clock: FakeClock, store: CircuitStore) => createSharedCircuit({ breaker: breakerOn(clock), clock, store });

  async function failOpen(circuit: ReturnType<typeof circuitOn>): Promise<void> {
    for (let i = 0; i < 5; i += 1) await circuit.record('down', await circuit.admit());
  }

  it('a replica that finds the circuit open refuses without sending, and a probe that succeeds closes it for both', async () => {
    const clock = createFakeClock();
    const store = memoryStore(clock);
    const first = circuitOn(clock, store);
    const second = circuitOn(clock, store);
    await failOpen(first);
    expect(await second.admit()).toEqual({ send: false, retryAfterMs: 250 });
    await clock.advance(250);
    const probe = await first.admit();
    expect(probe).toEqual({ send: true, probe: true });
    // The second replica's own open period ended too; it may probe, but it learns of the first's success first.
    await first.record('up', probe);
    expect(await second.admit()).toEqual({ send: true, probe: true });
    expect((await first.current()).state).toBe('closed');
  });

  it('reads the store at most once per sync interval', async () => {
    const clock = createFakeClock();
    const store = memoryStore(clock);
    const circuit = circuitOn(clock, store);
    await Promise.all([circuit.admit(), circuit.admit(), circuit.current()]);
    await circuit.admit();
    expect(store.reads).toBe(1);
    await clock.advance(200);
    await circuit.admit();
    expect(store.reads).toBe(2);
  });

  it('a failing store never opens the circuit and a stuck one delays an attempt by at most its timeout', async () => {
    const clock = createFakeClock();
    const store = memoryStore(clock);
    const circuit = circuitOn(clock, store);
    store.broken = true;
    for (let i = 0; i < 20; i += 1) {
      await clock.advance(200);
      expect(await circuit.admit()).toEqual({ send: true, probe: false });
    }
    store.broken = false;
    store.stuck = true;
    await clock.advance(200);
    let admitted: Admission | undefined;
    const pending = circuit.admit().then((admission) => (admitted = admission));
    await clock.advance(24);
    expect(admitted).toBeUndefined();
    await clock.advance(1);
    await pending;
    expect(admitted).toEqual({ send: true, probe: false });
    // Opening still works alone while the store hangs.
    const opening = failOpen(circuit);
    await clock.advance(25);
    await opening;
    expect(circuit.snapshot().state).toBe('open');
  });
});

describe('background work through the circuit', () => {
  const call = (background: boolean): Attempt => ({
    path: '/api/v2/logs',
    route: '/logs',
    group: 'other',
    deadline: Infinity,
    signal: new AbortController().signal,
    number: 1,
    priority: false,
    background,
    headers: {},
  });
  const answering = (status: number): AttemptFn => () => Promise.resolve({ status, headers: {}, body: {}, waitMs: 0 });

  it('never opens it, however often it fails, but is refused while requests have opened it', async () => {
    const clock = createFakeClock();
    const circuit = createSharedCircuit({ breaker: breakerOn(clock), clock });
    const send = withCircuitBreaker(answering(503), circuit);
    for (let i = 0; i < 10; i += 1) expect((await send(call(true))).status).toBe(503);
    expect((await circuit.current()).state).toBe('closed');
    for (let i = 0; i < 5; i += 1) await send(call(false)).catch(() => undefined);
    expect((await circuit.current()).state).toBe('open');
    await expect(send(call(true))).rejects.toMatchObject({ code: 'AUTH0_UNAVAILABLE' });
  });
});
