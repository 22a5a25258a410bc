import { z } from 'zod';
import type { OffsetPage } from '../auth0/endpoints/lists.ts';
import { connectionOf, edgeOf } from './connection.ts';
import type { Page } from './connection.ts';
import { decodeCursor } from './cursor.ts';
import { MAX_PAGE_SIZE, pageSize } from './page-rules.ts';
import { needsTotals } from './planner.ts';
import type { ConnectionPlan } from './planner.ts';
import { badUserInput } from './errors.ts';
import { planOffsetFetches } from './offset-window.ts';

/** Auth0 refuses offset pages at or past the 1,000th record (docs/auth0-api.md#the-1000-record-cap). */
const OFFSET_CAP = 1000;

const offsetState = z.object({ o: z.number().int().nonnegative() });

export interface OffsetConnectionArgs {
  readonly first?: number | null;
  readonly after?: string | null;
}

export type FetchOffsetPage<W> = (page: number, perPage: number, includeTotals: boolean) => Promise<OffsetPage<W>>;

/**
 * A Relay window over an offset-paged Auth0 list. The cursor is the record offset; totals are asked for
 * only when the selection needs them (`totalCount`, or `hasNextPage` which they make exact).
 */
export async function offsetConnection<W, N>(
  tag: string,
  args: OffsetConnectionArgs,
  plan: ConnectionPlan,
  fetchPage: FetchOffsetPage<W>,
  toNode: (wire: W) => N,
  options: { readonly countable: boolean } = { countable: true },
): Promise<Page<N>> {
  // Streamed, a window of up to 1,000 is its pages fetched together: offset pages need no cursor from the last.
  const first = pageSize(args.first, plan.streamed);
  const offset = args.after ? decodeCursor(tag, args.after, offsetState).o + 1 : 0;
  const includeTotals = options.countable && needsTotals(plan);
  const fetches = planOffsetFetches(offset, Math.max(first, includeTotals ? 1 : 0), MAX_PAGE_SIZE);
  if (fetches.some((fetch) => fetch.page * fetch.perPage >= OFFSET_CAP)) {
    throw badUserInput(`Auth0 lists this field only up to its ${OFFSET_CAP}th record`);
  }
  const pages = await Promise.all(fetches.map((fetch) => fetchPage(fetch.page, fetch.perPage, includeTotals)));
  const wires: W[] = [];
  pages.forEach((page, index) => wires.push(...page.items.slice(fetches[index]?.skip ?? 0)));
  const window = wires.slice(0, first);
  const total = pages.find((page) => page.total !== undefined)?.total;
  const lastPage = pages.at(-1);
  const lastFetch = fetches.at(-1);
  const hasNextPage =
    total !== undefined
      ? offset + window.length < total
      : window.length === first && lastPage !== undefined && lastFetch !== undefined && lastPage.items.length === lastFetch.perPage;
  const edges = window.map((wire, index) => edgeOf(toNode(wire), tag, { o: offset + index }));
  return connectionOf(edges, hasNextPage, offset > 0, plan.totalCount ? (total ?? null) : null);
}
