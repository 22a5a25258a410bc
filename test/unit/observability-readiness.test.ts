import { describe, expect, it } from 'vitest';
import type { CircuitSnapshot, CircuitState } from '../../src/auth0/circuit/circuit-breaker.ts';
import type { Auth0Client } from '../../src/auth0/types.ts';
import { createReadiness } from '../../src/observability/readiness.ts';

/** An upstream that always answers, counting the probes readiness spends on it. */
function answeringUpstream(): Auth0Client & { probes: number } {
  const upstream = {
    probes: 0,
    get: () => {
      upstream.probes += 1;
      return Promise.resolve(42);
    },
    close: () => Promise.resolve(),
  };
  return upstream;
}

const circuitIn = (state: { current: CircuitState }) => ({
  current: (): Promise<CircuitSnapshot> => Promise.resolve({ state: state.current, retryAfterMs: 0, intervalMs: 1_000, opens: 0, refused: 0 }),
});

describe('readiness and the circuit breaker', () => {
  it('is not ready the moment the circuit opens, without a probe, though Auth0 answered a moment ago', async () => {
    const auth0 = answeringUpstream();
    const state = { current: 'closed' as CircuitState };
    const readiness = createReadiness({ auth0, circuit: circuitIn(state) });
    expect(await readiness.check()).toMatchObject({ ready: true });
    expect(auth0.probes).toBe(1);
    state.current = 'open';
    expect(await readiness.check()).toMatchObject({ ready: false, reason: 'AUTH0_UNAVAILABLE' });
    expect(auth0.probes).toBe(1);
  });

  it('half-open, it probes instead of trusting an answer from before the outage, and the answer makes it ready', async () => {
    const auth0 = answeringUpstream();
    const state = { current: 'closed' as CircuitState };
    const readiness = createReadiness({ auth0, circuit: circuitIn(state) });
    await readiness.check();
    state.current = 'half-open';
    expect(await readiness.check()).toMatchObject({ ready: true });
    expect(auth0.probes).toBe(2);
    state.current = 'closed';
    await readiness.check();
    expect(auth0.probes).toBe(2);
  });
});
