const MIB = 2 ** 20;

/** AUTH0_GRAPH_CACHE_MAX_MB's default: 64 MiB of upstream bodies and 32 MiB of whole answers. */
export const DEFAULT_CACHE_MAX_BYTES = 96 * MIB;

/**
 * One memory budget for both caches. Upstream bodies get two thirds: they are shared by every query that
 * makes the same call, where a whole answer serves only the same document and variables again.
 */
export function splitCacheBudget(totalBytes: number): { readonly upstream: number; readonly answers: number } {
  const upstream = Math.floor((totalBytes * 2) / 3);
  return { upstream, answers: totalBytes - upstream };
}
