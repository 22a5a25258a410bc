import { badUserInput } from './errors.ts';

/**
 * The contract's `first` and `after` (docs/schema.md#connections), in the one place both the connection
 * resolvers and the cost estimate read them, so an estimate cannot count pages the resolvers would not fetch.
 * Auth0 pages hold at most 100 records (docs/auth0-api.md#offset-pagination).
 */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;
/**
 * A connection whose `edges` are streamed (`@stream`) pages upstream itself, one Auth0 page after another,
 * and each edge goes out as it arrives: the caller waits for one page, never for all of them.
 */
export const MAX_STREAMED_PAGE_SIZE = 1000;

/** The most `first` takes: one Auth0 page, or ten when the edges are streamed. */
export function maxPageSize(streamed: boolean): number {
  return streamed ? MAX_STREAMED_PAGE_SIZE : MAX_PAGE_SIZE;
}

/** `first` as a connection resolver takes it: anything but a whole number up to its maximum is refused before any call. */
export function pageSize(first: number | null | undefined, streamed = false): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  const max = maxPageSize(streamed);
  if (!Number.isInteger(first) || first < 0 || first > max) {
    const streaming = streamed ? '' : ` (up to ${MAX_STREAMED_PAGE_SIZE} when \`edges\` are streamed with @stream)`;
    throw badUserInput(`\`first\` must be between 0 and ${max}${streaming}`);
  }
  return first;
}

/**
 * `first` as the cost estimate reads it, from variables not yet coerced. A value `pageSize` refuses is counted
 * as the nearest one it takes: that query fails before any call, unless the estimate refuses it first.
 */
export function estimatedPageSize(first: unknown, streamed = false): number {
  const size = typeof first === 'number' ? first : DEFAULT_PAGE_SIZE;
  return Math.max(0, Math.min(maxPageSize(streamed), size));
}

/**
 * Upstream pages one window of `size` records can span: one per Auth0 page from the start, one more when an
 * `after` cursor starts it mid-page (offset-window.ts plans at most that many; a checkpoint window ends in the
 * page after its cursor's).
 */
export function pagesSpanned(after: unknown, size = MAX_PAGE_SIZE): number {
  const pages = Math.max(1, Math.ceil(size / MAX_PAGE_SIZE));
  return after === undefined || after === null ? pages : pages + 1;
}
