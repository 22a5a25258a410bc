import { z } from 'zod';
import { Auth0Error } from '../errors.ts';
import type { Verdict } from './circuit-breaker.ts';

/** Auth0's answer to a user search that ran past its time limit (docs/auth0-api.md#user-search). */
const SEARCH_TIMEOUT = /^The query exceeded the timeout/;
const messageBody = z.looseObject({ message: z.string() });

/**
 * What an answer says about Auth0 being there. 5xx and 408 say it is down, except a search's own timeout: a 503
 * for one heavy query is Auth0 working as documented, and must not stop every other call. 501 names an endpoint
 * that does not exist, not an outage. Anything else, 4xx and 429 included, is Auth0 answering.
 */
export function verdictOfStatus(status: number, body: unknown): Verdict {
  if (status !== 408 && (status < 500 || status === 501)) return 'up';
  const parsed = messageBody.safeParse(body);
  return parsed.success && SEARCH_TIMEOUT.test(parsed.data.message) ? 'up' : 'down';
}

/**
 * What a failure before an answer says: no response from the API or the token endpoint (connection refused or
 * reset, connect or header timeouts) is down; a token endpoint that answered speaks by its status. Our own
 * refusals (rate limit, open circuit) and our own deadline say nothing about Auth0.
 */
export function verdictOfError(error: unknown): Verdict {
  if (!(error instanceof Auth0Error)) return 'unknown';
  if (error.code === 'AUTH0_UPSTREAM') return 'down';
  if (error.code !== 'AUTH0_TOKEN' || error.status === undefined) return 'unknown';
  return error.status === 0 ? 'down' : verdictOfStatus(error.status, undefined);
}
