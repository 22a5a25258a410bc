import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { CostEstimate, CostInput } from './estimate-cost.ts';

export interface CostMemoOptions {
  /** Most estimates kept. @default 1000 */
  readonly max?: number;
  /** Upper bound of the key characters held, so large variable payloads cannot grow it. @default 4 MiB */
  readonly maxKeyChars?: number;
}

/**
 * Remembers `estimate` per document, operation name and variables: the estimate depends on nothing else (the
 * schema is fixed for a server), and dashboards send the same few questions over and over. Documents are told
 * apart by identity, as yoga's parser cache hands back one object per query text; an id never comes back for
 * another document, so a collected document's entries just age out.
 */
export function createCostMemo(
  estimate: (input: CostInput) => CostEstimate,
  { max = 1000, maxKeyChars = 4 * 2 ** 20 }: CostMemoOptions = {},
): (input: CostInput) => CostEstimate {
  const ids = new WeakMap<DocumentNode, number>();
  let nextId = 0;
  const estimates = new LRUCache<string, CostEstimate>({ max, maxSize: maxKeyChars, sizeCalculation: (_value, key) => Math.max(1, key.length) });
  return (input) => {
    let id = ids.get(input.document);
    if (id === undefined) {
      id = nextId;
      nextId += 1;
      ids.set(input.document, id);
    }
    const key = `${id}\u0000${input.operationName ?? ''}\u0000${JSON.stringify(input.variables ?? null)}`;
    let found = estimates.get(key);
    if (found === undefined) {
      found = estimate(input);
      estimates.set(key, found);
    }
    return found;
  };
}
