import { createHash, timingSafeEqual } from 'node:crypto';

/** Which configured key matched, by position: safe to log, unlike the key or a hash of it. */
export interface ApiKeyMatch {
  readonly index: number;
}

export interface ApiKeySet {
  readonly size: number;
  match(presented: string): ApiKeyMatch | undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Holds only SHA-256 digests of the keys, so a heap dump does not hand them out, and compares a
 * presented key against every digest in constant time: fixed-length digests hide the key length, and
 * scanning all entries hides which one matched.
 */
export function createApiKeySet(keys: readonly string[]): ApiKeySet {
  const digests = keys.filter((key) => key.length > 0).map(digest);
  return {
    size: digests.length,
    match(presented) {
      const candidate = digest(presented);
      let found = -1;
      digests.forEach((known, index) => {
        if (timingSafeEqual(known, candidate) && found === -1) found = index;
      });
      return found === -1 ? undefined : { index: found };
    },
  };
}
