/**
 * One memory budget for both caches. Upstream bodies get two thirds: they are shared by every query that
 * makes the same call, where a whole answer serves only the same document and variables again.
 */
export function splitCacheBudget(totalBytes: number): { readonly upstream: number; readonly answers: number } {
  const upstream = Math.floor((totalBytes * 2) / 3);
  return { upstream, answers: totalBytes - upstream };
}

/**
 * What holding an entry costs beyond its key and content as text: the entry record, the LRU's bookkeeping and
 * the headers of a parsed body's objects and strings. Measured on Node 20 with bodies shaped as Auth0 sends
 * them, heap per entry beyond the text came to ~200 bytes for a three-field profile (~430 bytes held for 233
 * of text) and up to ~320 for a list of organizations; without it, a cache of many small bodies held over twice
 * the memory its budget named.
 */
export const ENTRY_OVERHEAD_BYTES = 256;

/** What one entry counts against its cache's byte bound. */
export function entryBytes(key: string, content: string): number {
  return Buffer.byteLength(key) + Buffer.byteLength(content) + ENTRY_OVERHEAD_BYTES;
}
