import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../../src/auth0/circuit/circuit-breaker.ts';
import { createRedisCircuit } from '../../src/auth0/circuit/redis-circuit.ts';
import { createSharedCircuit } from '../../src/auth0/circuit/shared-circuit.ts';
import type { CircuitStore } from '../../src/auth0/circuit/shared-circuit.ts';
import { isAuth0Error } from '../../src/auth0/errors.ts';
import { createAuth0Client } from '../../src/auth0/index.ts';
import type { Auth0ClientWithState } from '../../src/auth0/index.ts';
import { createResponseCache } from '../../src/cache/response-cache.ts';
import { withResponseCache } from '../../src/cache/with-response-cache.ts';
import { clientSettingsFor } from '../../src/simulator/client-settings.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import type { RunningSimulator } from '../../src/simulator/options.ts';
import { startGraphHarness } from '../helpers/graph-harness.ts';
import type { GraphHarness } from '../helpers/graph-harness.ts';
import { createFakeClock } from '../unit/auth0-fake-clock.ts';
import type { FakeClock } from '../unit/auth0-fake-clock.ts';

/** docs/design.md#when-auth0-is-down, against the simulator answering 5xx to every call. */
const SIZE = { users: 20, organizations: 2, largestOrganizationMembers: 5, applications: 2, statsDays: 1 };

let graph: GraphHarness | undefined;
let sim: RunningSimulator | undefined;
const clients: Auth0ClientWithState[] = [];
afterEach(async () => {
  await graph?.close();
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await sim?.close();
  graph = undefined;
  sim = undefined;
});

/**
 * A client on a fake clock, one attempt per call (so each failing call is one verdict) and no jitter: the circuit
 * opens on the fifth failing call and stays open until the test moves the clock 250 ms on.
 */
function clientOn(target: RunningSimulator, clock: FakeClock, store?: CircuitStore): Auth0ClientWithState {
  const circuit = createSharedCircuit({ breaker: createCircuitBreaker({ clock, random: () => 0.5 }), clock, store });
  const client = createAuth0Client(clientSettingsFor(target), { clock, circuit, maxAttempts: 1, random: () => 0.5 });
  clients.push(client);
  return client;
}

/** Four calls fail as Auth0 answered them; the fifth opens the circuit and ends as its refusal. */
async function failFiveTimes(client: Auth0ClientWithState, path: string): Promise<void> {
  for (let i = 0; i < 4; i += 1) await expect(client.get({ path })).rejects.toMatchObject({ code: 'AUTH0_UPSTREAM' });
  await expect(client.get({ path })).rejects.toMatchObject({ code: 'AUTH0_UNAVAILABLE', retryAfterMs: 250 });
}

describe('the circuit breaker over GraphQL', () => {
  it('stops a request retrying once Auth0 is judged down, then refuses at once with retryAfter; /ready and /metrics say so', async () => {
    graph = await startGraphHarness({ simulator: { size: SIZE } });
    const { sim: target } = graph;
    const roles = target.tenant.roles.map((role) => role.id);
    const ask = (id: string | undefined) => graph!.query('query($r: String!) { role(roleId: $r) { name } }', { r: id });
    target.faults.errorRate = 1;
    // Four attempts for the first query; the second's first attempt is the fifth failure in a row: it is not retried.
    const first = await ask(roles[0]);
    expect(first.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(target.calls.count()).toBe(4);
    const second = await ask(roles[1]);
    expect(target.calls.count()).toBe(5);
    expect(second.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', retryAfter: expect.any(Number) });
    const rest = await Promise.all(Array.from({ length: 20 }, (_, index) => ask(roles[index % roles.length])));
    for (const result of rest) expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryAfter: expect.any(Number) });
    // 22 failing queries, 88 calls without the breaker; a probe or two may have gone meanwhile (250 ms, then 500 ms apart).
    expect(target.calls.count()).toBeLessThanOrEqual(7);

    const ready = await graph.app.fetch(new Request('http://graph.test/ready'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ready: false, reason: 'AUTH0_UNAVAILABLE', feed: { mode: 'off', state: 'off' } });
    const metrics = await (await graph.app.fetch(new Request('http://graph.test/metrics'))).text();
    expect(metrics).toMatch(/auth0_graph_upstream_circuit_opens_total 1\b/);
    // Identical concurrent calls share one flight: one refusal per distinct role (one of them may have been the probe).
    const distinct = Math.min(20, roles.length);
    expect(Number(/auth0_graph_upstream_circuit_refused_total (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(distinct - 1);
    expect(metrics).toMatch(/auth0_graph_upstream_circuit\{state="closed"\} 0/);
  });
});

describe('the circuit breaker in the client', () => {
  it('serves a cached answer stale while open, refuses the uncached at once, probes after the interval and closes on recovery', async () => {
    sim = await startSimulator({ size: SIZE });
    const clock = createFakeClock();
    const client = clientOn(sim, clock);
    let cacheNow = 0;
    const cache = createResponseCache({ ttlMs: 1_000, maxBytes: 1e6, tenant: sim.domain, now: () => cacheNow });
    const outcomes: string[] = [];
    const cached = withResponseCache(client, cache);
    const warm = { path: '/roles', onCache: ({ outcome }: { outcome: string }) => outcomes.push(outcome) };
    const warmBody = await cached.get(warm);
    cacheNow += 2_000;

    sim.faults.errorRate = 1;
    await failFiveTimes(client, '/clients');
    const before = sim.calls.count();
    expect(await cached.get(warm)).toEqual(warmBody);
    expect(outcomes).toEqual(['miss', 'stale']);
    const refused = await client.get({ path: '/connections' }).catch((error: unknown) => error);
    expect(isAuth0Error(refused, 'AUTH0_UNAVAILABLE') && refused.retryAfterMs).toBe(250);
    expect(sim.calls.count()).toBe(before);

    // Auth0 is back, but nothing is sent before the interval ends; then one probe goes and closes the circuit.
    sim.faults.reset();
    await expect(client.get({ path: '/roles' })).rejects.toMatchObject({ code: 'AUTH0_UNAVAILABLE' });
    expect(sim.calls.count()).toBe(before);
    await clock.advance(250);
    await expect(client.get({ path: '/roles' })).resolves.toEqual(warmBody);
    expect(client.circuit.snapshot().state).toBe('closed');
    await expect(client.get({ path: '/roles' })).resolves.toEqual(warmBody);
    expect(sim.calls.count()).toBe(before + 2);
  });

  it('a failed probe reopens for twice as long, up to 1 s, so the first request a second after recovery is answered', async () => {
    sim = await startSimulator({ size: SIZE });
    const clock = createFakeClock();
    const client = clientOn(sim, clock);
    sim.faults.errorRate = 1;
    await failFiveTimes(client, '/roles');
    const intervals: number[] = [];
    let wait = 250;
    for (let probe = 0; probe < 4; probe += 1) {
      await clock.advance(wait);
      const refused = await client.get({ path: '/roles' }).catch((error: unknown) => error);
      wait = isAuth0Error(refused, 'AUTH0_UNAVAILABLE') ? (refused.retryAfterMs ?? 0) : 0;
      intervals.push(wait);
    }
    expect(intervals).toEqual([500, 1_000, 1_000, 1_000]);
    // Five that opened it and one probe per interval.
    expect(sim.calls.count()).toBe(9);

    sim.faults.reset();
    await expect(client.get({ path: '/roles' })).rejects.toMatchObject({ code: 'AUTH0_UNAVAILABLE' });
    await clock.advance(wait);
    await expect(client.get({ path: '/roles' })).resolves.toBeDefined();
    expect(client.circuit.snapshot().state).toBe('closed');
    expect(sim.calls.count()).toBe(10);
  });
});

describe('a circuit shared through Redis', () => {
  const prefix = `auth0-graph-test:${randomUUID()}`;
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('a replica that finds the circuit open sends nothing, and probes at once when a success elsewhere cleared it', async () => {
    sim = await startSimulator({ size: SIZE });
    const clock = createFakeClock();
    const store = createRedisCircuit(redis, { key: `${prefix}:circuit` });
    const [first, second] = [clientOn(sim, clock, store), clientOn(sim, clock, store)] as const;
    sim.faults.errorRate = 1;
    await failFiveTimes(first, '/roles');
    expect(await store.read()).toMatchObject({ intervalMs: 250 });
    await expect(second.get({ path: '/clients' })).rejects.toMatchObject({ code: 'AUTH0_UNAVAILABLE' });
    expect(sim.calls.count()).toBe(5);
    expect(second.circuit.snapshot().state).toBe('open');

    // What the first replica's successful probe does (the key's expiry runs on Redis's own clock, not the fake one).
    sim.faults.reset();
    await store.close();
    expect(await store.read()).toBeUndefined();
    await clock.advance(200);
    await expect(second.get({ path: '/clients' })).resolves.toBeDefined();
    expect(second.circuit.snapshot().state).toBe('closed');
  });
});
