import type { AttemptFn } from './attempt.ts';
import type { TokenProvider } from './token-provider.ts';

/**
 * Adds the bearer token. A 401 means the token expired or was revoked early: refresh once and replay once; a second
 * 401 is final. Sits outside the throttle so the replay also waits for a rate-limit token.
 */
export function withToken(next: AttemptFn, tokens: TokenProvider): AttemptFn {
  return async (attempt) => {
    const token = await tokens.getToken(attempt.signal);
    const first = await next({ ...attempt, headers: { ...attempt.headers, authorization: `Bearer ${token}` } });
    if (first.status !== 401) return first;
    const fresh = await tokens.refresh(token, attempt.signal);
    const replay = await next({ ...attempt, headers: { ...attempt.headers, authorization: `Bearer ${fresh}` } });
    return { ...replay, waitMs: first.waitMs + replay.waitMs };
  };
}
