import { z } from 'zod';
import type { Auth0Settings } from '../config-types.ts';
import type { Clock } from './clock.ts';
import { Auth0Error, isAuth0Error } from './errors.ts';
import { tokenErrorFromResponse } from './error-mapping.ts';
import { parseRateLimitHeaders } from './rate-limit/headers.ts';
import type { Send } from './transport.ts';

export interface TokenProvider {
  /** A token valid now; fetched or refreshed only when needed, one fetch shared by all concurrent callers. */
  getToken(signal: AbortSignal): Promise<string>;
  /** Called after the API answered 401 to `rejected`: forget it and get another (unless someone already did). */
  refresh(rejected: string, signal: AbortSignal): Promise<string>;
  /** How many tokens the token endpoint has issued to this provider. */
  readonly issued: number;
}

export interface TokenProviderOptions {
  readonly send: Send;
  readonly clock: Clock;
  /** Refresh this long before expiry. @default 60_000 (docs/auth0-api.md#tokens: about a minute ahead of a 24 h token) */
  readonly refreshLeewayMs?: number;
  /** After a failed early refresh, keep using the still-valid token this long before trying again. @default 5_000 */
  readonly retryRefreshAfterMs?: number;
  /** The token request's own time limit, independent of any one caller's deadline. @default 10_000 (as SDK7) */
  readonly tokenTimeoutMs?: number;
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().optional(),
  scope: z.string().optional(),
});

interface CachedToken {
  readonly token: string;
  readonly expiresAt: number;
}

/** Waits for `promise` but lets this caller leave early when its own signal aborts. */
function abandonable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function staticTokenProvider(token: string): TokenProvider {
  return {
    getToken: () => Promise.resolve(token),
    refresh: () =>
      Promise.reject(
        new Auth0Error('AUTH0_UNAUTHENTICATED', 'Auth0 rejected the static Management API token (AUTH0_TOKEN): it is expired or revoked; issue a new one or configure client credentials', {
          status: 401,
        }),
      ),
    issued: 0,
  };
}

function clientCredentialsProvider(
  settings: Auth0Settings,
  credentials: { readonly clientId: string; readonly clientSecret: string },
  options: TokenProviderOptions,
): TokenProvider {
  const { send, clock } = options;
  const leewayMs = options.refreshLeewayMs ?? 60_000;
  const retryRefreshAfterMs = options.retryRefreshAfterMs ?? 5_000;
  const tokenTimeoutMs = options.tokenTimeoutMs ?? 10_000;
  const path = new URL('/oauth/token', settings.baseUrl).pathname;
  let cached: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;
  let nextRefreshAttempt = 0;
  let issued = 0;

  async function fetchToken(): Promise<CachedToken> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      audience: settings.audience,
    }).toString();
    const requestedAt = clock.now();
    const response = await send({
      method: 'POST',
      path,
      route: '/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(tokenTimeoutMs),
    });
    if (response.status !== 200) {
      const retryAfterMs = parseRateLimitHeaders(response.headers, clock.now()).retryAfterMs;
      throw tokenErrorFromResponse(response.status, response.body, settings.audience, retryAfterMs);
    }
    const parsed = tokenResponse.safeParse(response.body);
    if (!parsed.success) {
      throw new Auth0Error('AUTH0_TOKEN', 'The Auth0 token endpoint answered without a usable access_token', { route: '/oauth/token', status: 200 });
    }
    issued += 1;
    // Expiry counts from when we asked, so a slow token response can only make us refresh early, never late.
    return { token: parsed.data.access_token, expiresAt: requestedAt + parsed.data.expires_in * 1000 };
  }

  function startFetch(): Promise<CachedToken> {
    pending ??= fetchToken()
      .then((fresh) => {
        cached = fresh;
        return fresh;
      })
      .catch((error: unknown) => {
        nextRefreshAttempt = clock.now() + retryRefreshAfterMs;
        throw isAuth0Error(error) ? error : new Auth0Error('AUTH0_TOKEN', 'Could not reach the Auth0 token endpoint', { route: '/oauth/token', status: 0 });
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  }

  async function getToken(signal: AbortSignal): Promise<string> {
    const now = clock.now();
    const current = cached;
    if (current !== undefined && now < current.expiresAt - leewayMs) return current.token;
    const stillValid = current !== undefined && now < current.expiresAt;
    if (stillValid && (pending === undefined && now < nextRefreshAttempt)) return current.token;
    try {
      return (await abandonable(startFetch(), signal)).token;
    } catch (error) {
      // A failed early refresh is invisible while the old token still works.
      if (stillValid && !signal.aborted && clock.now() < current.expiresAt) return current.token;
      throw error;
    }
  }

  return {
    getToken,
    async refresh(rejected, signal) {
      if (cached !== undefined && cached.token !== rejected) return cached.token;
      cached = undefined;
      nextRefreshAttempt = 0;
      return (await abandonable(startFetch(), signal)).token;
    },
    get issued() {
      return issued;
    },
  };
}

export function createTokenProvider(settings: Auth0Settings, options: TokenProviderOptions): TokenProvider {
  const credentials = settings.credentials;
  return credentials.kind === 'token' ? staticTokenProvider(credentials.token) : clientCredentialsProvider(settings, credentials, options);
}
