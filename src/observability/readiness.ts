import type { CircuitSnapshot } from '../auth0/circuit/circuit-breaker.ts';
import { isAuth0Error } from '../auth0/errors.ts';
import type { Auth0Client, UpstreamCall } from '../auth0/types.ts';

export type ReadinessState =
  | { readonly ready: true; readonly checkedAt: number; readonly degraded?: string }
  | { readonly ready: false; readonly checkedAt: number; readonly reason: string };

export interface Readiness {
  /** Feed every upstream call here (the context's `onCall`): real traffic keeps the answer fresh for free. */
  observe(call: UpstreamCall): void;
  /** Ready when Auth0 answered with our token within `freshMs`; otherwise one probe call decides. */
  check(): Promise<ReadinessState>;
}

export interface ReadinessOptions {
  /** The uncached client, so a probe really reaches Auth0. */
  readonly auth0: Auth0Client;
  /**
   * How long an answer from Auth0 counts as "answered recently".
   * @default 30_000
   */
  readonly freshMs?: number;
  /** @default 5_000 */
  readonly probeTimeoutMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
  /** The tenant's circuit breaker (shared with other replicas through Redis), when the client has one. */
  readonly circuit?: { current(): Promise<CircuitSnapshot> };
  /** Why the replica serves but not as it should (e.g. its share of the rate budget paced alone), if it does. */
  readonly degraded?: () => string | undefined;
}

/**
 * An answer proves the token was accepted and Auth0 is reachable; 401 (our token refused) and no answer
 * (0) or 5xx do not. 403 and 404 still prove both: a missing scope is `check`'s business, not readiness'.
 */
function provesReady(status: number): boolean {
  return status > 0 && status < 500 && status !== 401 && status !== 429;
}

/**
 * `/ready`: a valid Auth0 token can be had and the Management API answered recently. A probe is one
 * `GET /stats/active-users` (a bare number, the cheapest read); concurrent checks share it, so a busy
 * orchestrator never spends more than one call per `freshMs` of idle time.
 */
export function createReadiness({ auth0, freshMs = 30_000, probeTimeoutMs = 5_000, now = Date.now, circuit, degraded }: ReadinessOptions): Readiness {
  let last: ReadinessState | undefined;
  let probing: Promise<ReadinessState> | undefined;

  function record(state: ReadinessState): ReadinessState {
    last = state;
    return state;
  }

  async function probe(): Promise<ReadinessState> {
    try {
      await auth0.get({ path: '/stats/active-users', signal: AbortSignal.timeout(probeTimeoutMs) });
      return record({ ready: true, checkedAt: now() });
    } catch (error) {
      if (isAuth0Error(error, 'AUTH0_FORBIDDEN') || isAuth0Error(error, 'AUTH0_NOT_FOUND')) {
        return record({ ready: true, checkedAt: now() });
      }
      const reason = isAuth0Error(error) ? error.code : 'UPSTREAM_UNREACHABLE';
      return record({ ready: false, checkedAt: now(), reason });
    }
  }

  return {
    observe(call) {
      if (provesReady(call.status)) record({ ready: true, checkedAt: now() });
      else if (call.status === 401) record({ ready: false, checkedAt: now(), reason: 'AUTH0_UNAUTHENTICATED' });
    },
    async check() {
      // An open circuit means Auth0 failed repeatedly just now (docs/design.md#when-auth0-is-down): not ready, at once,
      // whatever answered before. Half-open, the remembered success no longer counts: the probe decides.
      const circuitState = circuit === undefined ? 'closed' : (await circuit.current()).state;
      if (circuitState === 'open') return record({ ready: false, checkedAt: now(), reason: 'AUTH0_UNAVAILABLE' });
      // Only success is remembered: a failing tenant is probed again on the next check, so recovery shows at once.
      const state =
        circuitState === 'closed' && last?.ready === true && now() - last.checkedAt < freshMs
          ? last
          : await (probing ??= probe().finally(() => (probing = undefined)));
      const reason = state.ready ? degraded?.() : undefined;
      return reason === undefined ? state : { ...state, degraded: reason };
    },
  };
}
