/**
 * Typed upstream failures. Each carries a stable `code`; `src/resolvers/` maps them once to GraphQL
 * error codes. Messages never contain tokens, secrets, or query strings with user data.
 */

export type Auth0ErrorCode =
  | 'AUTH0_UNAUTHENTICATED' // the Management API rejected our token even after one refresh
  | 'AUTH0_TOKEN' // the token endpoint refused us; the message names the fix
  | 'AUTH0_FORBIDDEN' // insufficient scope; `missingScope` names what to grant
  | 'AUTH0_NOT_FOUND'
  | 'AUTH0_BAD_REQUEST' // Auth0's own validation message is kept (it holds no secrets)
  | 'AUTH0_RATE_LIMITED' // would wait past the deadline, or retries ran out; `retryAfterMs`
  | 'AUTH0_UPSTREAM' // 5xx / connection failures after retries
  | 'AUTH0_UNAVAILABLE' // not sent: Auth0 failed repeatedly and the circuit is open; `retryAfterMs`
  | 'AUTH0_TIMEOUT'; // the request's deadline passed

export interface Auth0ErrorDetails {
  /** Route template, e.g. `/users/{id}`; never the concrete path. */
  readonly route?: string;
  readonly status?: number;
  /** Auth0's `errorCode` from the body, when it sent one. */
  readonly auth0Code?: string;
  readonly missingScope?: string;
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

export class Auth0Error extends Error {
  override readonly name = 'Auth0Error';
  readonly code: Auth0ErrorCode;
  readonly route: string | undefined;
  readonly status: number | undefined;
  readonly auth0Code: string | undefined;
  readonly missingScope: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: Auth0ErrorCode, message: string, details: Auth0ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.route = details.route;
    this.status = details.status;
    this.auth0Code = details.auth0Code;
    this.missingScope = details.missingScope;
    this.retryAfterMs = details.retryAfterMs;
  }
}

export function isAuth0Error(error: unknown, code?: Auth0ErrorCode): error is Auth0Error {
  return error instanceof Auth0Error && (code === undefined || error.code === code);
}
