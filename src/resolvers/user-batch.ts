import { anyOf, phrase } from './lucene.ts';

/** Auth0 returns at most 100 users per search page. */
export const MAX_IDS_PER_SEARCH = 100;
/**
 * Budget for the encoded `q` alone: the rest of the URL (fields allow-list, paging) takes about 1 KB, and the
 * whole URL must stay well under the ~8 KB where Auth0 answers 414 (docs/auth0-api.md#user-search).
 */
export const MAX_ENCODED_QUERY_CHARS = 5500;

/** The search that finds every id of a batch: `user_id:("a" OR "b" …)`. */
export function userIdQuery(ids: readonly string[]): string {
  return anyOf('user_id', ids);
}

/**
 * Splits ids into search batches bounded both by Auth0's page size and by URL length. Keeps order. Percent
 * encoding is per character, so the encoded length of the query is the sum of its parts' encoded lengths.
 */
export function chunkUserIds(ids: readonly string[], maxEncodedChars = MAX_ENCODED_QUERY_CHARS): string[][] {
  const frame = encodeURIComponent(userIdQuery([])).length;
  const separator = encodeURIComponent(' OR ').length;
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = frame;
  for (const id of ids) {
    const added = encodeURIComponent(phrase(id)).length + (current.length === 0 ? 0 : separator);
    if (current.length > 0 && (current.length >= MAX_IDS_PER_SEARCH || length + added > maxEncodedChars)) {
      chunks.push(current);
      current = [];
      length = frame;
      current.push(id);
      length += encodeURIComponent(phrase(id)).length;
    } else {
      current.push(id);
      length += added;
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
