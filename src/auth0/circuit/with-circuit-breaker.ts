import type { AttemptFn } from '../attempt.ts';
import { Auth0Error } from '../errors.ts';
import type { Circuit } from './shared-circuit.ts';
import { verdictOfError, verdictOfStatus } from './verdict.ts';

function unavailable(route: string, retryAfterMs: number): Auth0Error {
  return new Auth0Error('AUTH0_UNAVAILABLE', `Auth0 is failing; GET ${route} was not sent`, {
    route,
    retryAfterMs: Math.max(1, Math.ceil(retryAfterMs)),
  });
}

/**
 * Asks the circuit before each attempt and tells it what the attempt showed. Above the token and the throttle, so a
 * refused attempt spends neither a token fetch nor a rate-limit token, and fails at once. An attempt whose failure
 * leaves the circuit open ends as a refusal too: the retry layer above does not retry AUTH0_UNAVAILABLE, so a
 * request stops retrying the moment Auth0 is judged down.
 *
 * Background work (the change feed's polls) only obeys the circuit: it is never its probe and its outcome is not
 * counted. A failing logs endpoint is the feed's own trouble, which it answers by flushing the caches; it must not
 * make the server refuse every request, and foreground calls find out soon enough when all of Auth0 is down.
 */
export function withCircuitBreaker(next: AttemptFn, circuit: Circuit): AttemptFn {
  const refuseIfOpen = (route: string): void => {
    const { state, retryAfterMs } = circuit.snapshot();
    if (state === 'open') throw unavailable(route, retryAfterMs);
  };
  return async (attempt) => {
    if (attempt.background === true) {
      refuseIfOpen(attempt.route);
      return next(attempt);
    }
    const admission = await circuit.admit();
    if (!admission.send) throw unavailable(attempt.route, admission.retryAfterMs);
    let result: Awaited<ReturnType<AttemptFn>>;
    try {
      result = await next(attempt);
    } catch (error) {
      const verdict = verdictOfError(error);
      await circuit.record(verdict, admission);
      if (verdict === 'down') refuseIfOpen(attempt.route);
      throw error;
    }
    const verdict = verdictOfStatus(result.status, result.body);
    await circuit.record(verdict, admission);
    if (verdict === 'down') refuseIfOpen(attempt.route);
    return result;
  };
}
