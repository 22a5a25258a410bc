import { GraphQLError } from 'graphql';
import { maskError } from 'graphql-yoga';
import { publicErrorOf } from '../resolvers/errors.ts';

/**
 * Yoga's `maskedErrors.maskError`. Upstream failures become typed public errors once, here at the edge
 * (docs/design.md#typed-errors); anything else keeps yoga's masking ("Unexpected error."), so no Auth0 body,
 * token or stack reaches a caller.
 */
export function maskUpstreamError(error: unknown, message: string, isDev?: boolean): Error {
  const located = isGraphQLError(error) ? error : undefined;
  const original = located ? located.originalError : error;
  if (located && isGraphQLError(original)) return located;
  const mapped = publicErrorOf(original);
  if (mapped === undefined) return maskError(error, message, isDev);
  return new GraphQLError(mapped.message, { nodes: located?.nodes, path: located?.path, extensions: mapped.extensions });
}

/**
 * By name, not `instanceof`: graphql ships CJS and ESM builds, and under some loaders the executor and this
 * module hold different copies of the class.
 */
function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === 'GraphQLError';
}
