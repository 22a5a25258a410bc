import { createContextCache } from '@pothos/core';

/** Per request (a WeakMap on the context object), so nothing here outlives the request or crosses callers. */
const memos = createContextCache(() => new Map<string, Promise<unknown>>());

/**
 * The answer computed for `key` earlier in this request, else `compute()`'s, remembered for the rest of it. Lets
 * a parent start a child's upstream call beside its own and the child pick up the same promise.
 */
export function memoized<T>(context: object, key: string, compute: () => Promise<T>): Promise<T> {
  const memo = memos(context);
  const known = memo.get(key) as Promise<T> | undefined;
  if (known !== undefined) return known;
  const started = compute();
  memo.set(key, started);
  return started;
}
