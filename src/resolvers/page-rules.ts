import { badUserInput } from './errors.ts';

/**
 * The contract's `first` and `after` (docs/schema.md#connections), in the one place both the connection
 * resolvers and the cost estimate read them, so an estimate cannot count pages the resolvers would not fetch.
 * Auth0 pages hold at most 100 records (docs/auth0-api.md#offset-pagination).
 */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

/** `first` as a connection resolver takes it: anything but a whole number up to one Auth0 page is refused before any call. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`\`first\` must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/**
 * `first` as the cost estimate reads it, from variables not yet coerced. A value `pageSize` refuses is counted
 * as the nearest one it takes: that query fails before any call, unless the estimate refuses it first.
 */
export function estimatedPageSize(first: unknown): number {
  const size = typeof first === 'number' ? first : DEFAULT_PAGE_SIZE;
  return Math.max(0, Math.min(MAX_PAGE_SIZE, size));
}

/**
 * Upstream pages one window of a list can span: one from the start, two when an `after` cursor starts it
 * mid-page (offset-window.ts plans at most that many; a checkpoint window ends in the page after its cursor's).
 */
export function pagesSpanned(after: unknown): number {
  return after === undefined || after === null ? 1 : 2;
}
