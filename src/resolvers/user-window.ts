import { z } from 'zod';
import { badUserInput } from './errors.ts';
import { anyOf } from './lucene.ts';

/** Auth0 search pages only through its first 1,000 matches (docs/auth0-api.md#the-1000-record-cap). */
export const SEARCH_CAP = 1000;

/** Timestamps as Auth0 writes them; cursors are caller-held, so anything else is refused before it reaches `q`. */
const isoInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/);

/**
 * Where a `users` listing stands. The search is sorted on `created_at`; when the next page would reach past
 * the 1,000 cap, a new window starts after the last record returned: `created_at` beyond its timestamp, or
 * equal to it but not one of the ids already returned at that timestamp (ties), so nothing repeats or is lost.
 */
export const windowState = z.object({
  /** Window start: records after `at` in sort order, plus those at `at` other than `ex`. Absent: the first window. */
  lo: z.object({ at: isoInstant, ex: z.array(z.string()).max(100) }).optional(),
  /** Records of this window already returned. */
  k: z.number().int().nonnegative(),
  /** Records returned by earlier windows, for `totalCount`. */
  b: z.number().int().nonnegative(),
  /** `created_at` of the last record returned and the ids returned with that same timestamp. */
  la: isoInstant.optional(),
  li: z.array(z.string()).max(100),
});
export type WindowState = z.output<typeof windowState>;

export const INITIAL_WINDOW: WindowState = { k: 0, b: 0, li: [] };

export type Direction = 'asc' | 'desc';

/** The state to fetch `first` records from: the same window, or a new one when the cap is in the way. */
export function prepareWindow(state: WindowState, first: number): WindowState {
  if (state.k + first <= SEARCH_CAP) return state;
  if (state.la === undefined) throw badUserInput('Cannot page further through this search');
  if (state.li.length >= 100) throw badUserInput('Too many users share one creation time to page past them');
  return { lo: { at: state.la, ex: state.li }, k: 0, b: state.b + state.k, la: state.la, li: state.li };
}

/** The Lucene clause that restricts the search to the window, or undefined for the first window. */
export function windowClause(state: WindowState, direction: Direction): string | undefined {
  if (state.lo === undefined) return undefined;
  const { at, ex } = state.lo;
  const beyond = direction === 'asc' ? `created_at:{${at} TO *]` : `created_at:[* TO ${at}}`;
  if (ex.length === 0) return beyond;
  return `${beyond} OR (created_at:[${at} TO ${at}] AND NOT ${anyOf('user_id', ex)})`;
}

/** The state after each of `records`, in order: the cursor of each edge. */
export function advance(state: WindowState, records: readonly { readonly user_id: string; readonly created_at?: string }[]): WindowState[] {
  const states: WindowState[] = [];
  let current = state;
  for (const record of records) {
    const at = record.created_at;
    const li = at !== undefined && at === current.la ? [...current.li, record.user_id] : [record.user_id];
    current = { ...current, k: current.k + 1, la: at, li: at === undefined ? [] : li };
    states.push(current);
  }
  return states;
}

/**
 * Whether more records follow. Auth0's `total` counts the window's matches; it may be capped at the 1,000
 * it will page, so a window that ends exactly at the cap is assumed to continue.
 */
export function windowHasMore(state: WindowState, windowTotal: number | undefined, returned: number, asked: number): boolean {
  if (windowTotal === undefined) return returned === asked && asked > 0;
  return state.k + returned < windowTotal || (windowTotal >= SEARCH_CAP && state.k + returned === SEARCH_CAP);
}
