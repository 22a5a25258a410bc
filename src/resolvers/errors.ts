import { GraphQLError } from 'graphql';
import { isAuth0Error } from '../auth0/errors.ts';

/** GraphQL error codes callers branch on (docs/schema.md#errors). */
export type GraphErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND';

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * The one place an upstream failure becomes a public error. Messages are ours, never Auth0's body, except
 * for Auth0's own validation text on a 400, which holds no secrets and tells the caller what to fix.
 * Returns undefined for anything that is not an `Auth0Error`, which stays masked.
 */
export function publicErrorOf(error: unknown): GraphQLError | undefined {
  if (!isAuth0Error(error)) return undefined;
  switch (error.code) {
    case 'AUTH0_UNAUTHENTICATED':
    case 'AUTH0_TOKEN':
      return coded('The server could not authenticate to Auth0; check its Auth0 credentials', 'UNAUTHENTICATED');
    case 'AUTH0_FORBIDDEN':
      return coded(
        error.missingScope === undefined
          ? 'The Auth0 application lacks a scope this field needs'
          : `The Auth0 application lacks the scope ${error.missingScope}`,
        'FORBIDDEN',
        error.missingScope === undefined ? {} : { missingScope: error.missingScope },
      );
    case 'AUTH0_RATE_LIMITED':
      return coded('Auth0 rate limit reached; retry later', 'RATE_LIMITED', { retryAfter: retryAfterSeconds(error.retryAfterMs) });
    case 'AUTH0_BAD_REQUEST':
      return coded(`Auth0 rejected the request: ${error.message}`, 'BAD_USER_INPUT');
    case 'AUTH0_NOT_FOUND':
      return coded('Not found', 'NOT_FOUND');
    case 'AUTH0_UPSTREAM':
    case 'AUTH0_TIMEOUT':
      return coded('Auth0 is unavailable or too slow; retry later', 'UPSTREAM_UNAVAILABLE');
    case 'AUTH0_UNAVAILABLE':
      return coded('Auth0 is failing; the server stopped calling it for a moment. Retry later', 'UPSTREAM_UNAVAILABLE', {
        retryAfter: retryAfterSeconds(error.retryAfterMs),
      });
  }
}

/** Whole seconds, at least one: what a client can sleep. */
function retryAfterSeconds(ms: number | undefined): number {
  return Math.max(1, Math.ceil((ms ?? 1000) / 1000));
}

/** A record a parent pointed at but Auth0 no longer has, where the field cannot answer `null`. */
export function notFound(message: string): GraphQLError {
  return coded(message, 'NOT_FOUND');
}

function coded(message: string, code: GraphErrorCode, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** Lookups answer `null` for a missing entity instead of an error; `load` may also throw before its first await. */
export async function nullIfNotFound<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (isAuth0Error(error, 'AUTH0_NOT_FOUND')) return null;
    throw error;
  }
}
