import { createGraphQLError } from 'graphql-yoga';
import type { GraphQLError } from 'graphql';

/** Which abuse limit a query hit; `extensions.limit` on the error, so clients can branch on it. */
export type QueryLimit = 'depth' | 'aliases' | 'directives' | 'tokens' | 'operations' | 'live';

/** Refusal of a query that is too big to run; raised while parsing or validating, before any upstream call. */
export function queryLimitError(limit: QueryLimit, max: number, message: string): GraphQLError {
  // graphql-armor prefixes every message with "Syntax Error:", which misleads: the query is valid, just too big.
  const text = message.replace(/^Syntax Error:\s*/, '');
  // Built by yoga's own factory so yoga recognises it as a client error and does not mask it.
  return createGraphQLError(text, { extensions: { code: 'QUERY_LIMIT', limit, max } });
}
