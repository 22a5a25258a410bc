/**
 * The contract between `src/resolvers/` (and `src/cache/`) and the Management API client.
 * Everything above this line speaks in paths and parsed JSON; nothing above knows HTTP status codes.
 */
import type { Context as TraceParent } from '@opentelemetry/api';

/** Auth0's rate-limit buckets that matter for reads (docs/auth0-api.md#limits-by-plan). */
export type EndpointGroup = 'users' | 'organizations' | 'organization-members' | 'member-roles' | 'other';

/** Query values as Auth0 takes them; arrays repeat the key (`strategy=a&strategy=b`). */
export type QueryValue = string | number | boolean | readonly string[] | undefined;
export type Query = Readonly<Record<string, QueryValue>>;

/** One finished upstream call, as reported to the caller's `onCall` (cost report, metrics). */
export interface UpstreamCall {
  readonly method: 'GET';
  /** The route with ids replaced, e.g. `/organizations/{id}/members`; never carries user data. */
  readonly route: string;
  readonly group: EndpointGroup;
  /** Final HTTP status, or 0 when no response arrived (timeout, reset). */
  readonly status: number;
  readonly attempts: number;
  /** Time spent waiting for the rate limiter, summed over attempts. */
  readonly waitMs: number;
  readonly durationMs: number;
}

/**
 * One GraphQL request's work, as the rate limiter sees it (docs/design.md#fair-under-overload): the object's
 * identity lets requests take turns, and `shape` names the kind of work (the operation's name, or a hash of its
 * document) so that refusals under overload fall on every kind in proportion to its demand.
 */
export interface Flow {
  readonly shape: string;
  /**
   * An operation answered in parts (`@stream`, `@defer`, `@live`): it asked to get its rows as the budget allows,
   * so only its own deadline bounds a call's wait, not the queue bound meant for plain requests.
   */
  readonly patient?: boolean;
}

export interface Auth0Request {
  /** Path under `/api/v2`, ids already encoded with `encodeURIComponent`, e.g. `/users/auth0%7C1`. */
  readonly path: string;
  readonly query?: Query;
  /**
   * The caller's deadline (the GraphQL request's, or its client going away); aborting it fails the call with a
   * timeout error. A call without one is aborted at `deadline` (30 s by default) by a timer of its own.
   */
  readonly signal?: AbortSignal;
  /**
   * The same deadline as epoch milliseconds, so the rate limiter can refuse at once (AUTH0_RATE_LIMITED with
   * `retryAfterMs`) a wait that would outlast it instead of queueing until the signal fires.
   */
  readonly deadline?: number;
  readonly onCall?: (call: UpstreamCall) => void;
  /** Whose work this call is: one GraphQL request's, of one kind. */
  readonly flow?: Flow;
  /** Told how the shared cache answered (src/cache/ wraps the client); absent when uncached. */
  readonly onCache?: (event: CacheEvent) => void;
  /**
   * Background work (the change feed's polls): queued behind every waiting request in its lane, so reading
   * what changed never delays an answer. @default false
   */
  readonly background?: boolean;
  /** The span this call's span is a child of (the GraphQL operation's); absent when tracing is off. */
  readonly traceParent?: TraceParent;
}

export interface CacheEvent {
  readonly route: string;
  /** `hit`: fresh from cache; `stale`: served stale because Auth0 failed; `shared`: joined an identical in-flight call; `miss`: fetched. */
  readonly outcome: 'hit' | 'stale' | 'shared' | 'miss';
}

export interface Auth0Client {
  /** GET a Management API resource; resolves with the parsed JSON body, rejects with an `Auth0Error`. */
  get(request: Auth0Request): Promise<unknown>;
  close(): Promise<void>;
}
