/**
 * A `q` or `sort` the search engine refuses; the simulator answers it as a 400 whose `message` is this text.
 * The prefix is the one Auth0's log search uses for its query errors (the only verbatim Lucene error text we
 * have from Auth0); the detail names at most the offending token.
 */
export class UserSearchError extends Error {
  override readonly name = 'UserSearchError';

  constructor(detail: string) {
    super(`The search query string has an error: ${detail}`);
  }
}

/** Quotes the offending token for a message, cut short so a huge `q` is never echoed back. */
export function quoteToken(token: string): string {
  return JSON.stringify(token.length > 40 ? `${token.slice(0, 40)}…` : token);
}
