import type { GraphQLParams } from 'graphql-yoga';

/** FNV-1a, 32 bits: a short, stable name for a document, not a secure digest. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The kind of work a request is, for the rate limiter's shares (docs/design.md#fair-under-overload): its operation
 * name where the caller gave one, else a hash of its document, so the same query with other variables is the same
 * kind. Never the document itself: it may hold ids or emails written inline.
 */
export function operationShape(params: Pick<GraphQLParams, 'operationName' | 'query'>): string {
  if (typeof params.operationName === 'string' && params.operationName !== '') return `name:${params.operationName}`;
  return typeof params.query === 'string' ? `doc:${fnv1a(params.query)}` : 'unknown';
}
