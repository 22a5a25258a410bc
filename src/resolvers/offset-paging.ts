import { z } from 'zod';
import type { OffsetPage } from '../auth0/endpoints/lists.ts';
import { connectionOf, edgeOf, pageInfoOf } from './connection.ts';
import type { Connection, Edge } from './connection.ts';
import { EdgeStream } from './edge-stream.ts';
import { decodeCursor } from './cursor.ts';
import { MAX_PAGE_SIZE, pageSize } from './page-rules.ts';
import { needsTotals } from './planner.ts';
import type { ConnectionPlan } from './planner.ts';
import { badUserInput } from './errors.ts';
import { planOffsetFetches } from './offset-window.ts';
import type { OffsetFetch } from './offset-window.ts';

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
): Promise<Connection<N>> {
  const first = pageSize(args.first, plan.streamed);
  const offset = args.after ? decodeCursor(tag, args.after, offsetState).o + 1 : 0;
  const includeTotals = options.countable && needsTotals(plan);
  const fetches = planOffsetFetches(offset, Math.max(first, includeTotals ? 1 : 0), MAX_PAGE_SIZE);
  if (fetches.some((fetch) => fetch.page * fetch.perPage >= OFFSET_CAP)) {
    throw badUserInput(`Auth0 lists this field only up to its ${OFFSET_CAP}th record`);
  }
  if (plan.streamed) {
    let index = offset;
    return streamedOffsetConnection(
      fetches,
      first,
      (fetch) => fetchPage(fetch.page, fetch.perPage, includeTotals),
      (wires) => wires.map((wire) => edgeOf(toNode(wire), tag, { o: index++ })),
      (walked) => ({
        hasNextPage: walked.total !== undefined ? offset + walked.wires.length < walked.total : walked.wires.length === first && walked.lastPageFull,
        hasPreviousPage: offset > 0,
        totalCount: plan.totalCount ? (walked.total ?? null) : null,
      }),
    );
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

/** What a streamed window's pages held: its records, Auth0's total when one was sent, and whether the last page was full. */
export interface Walked<W> {
  readonly wires: readonly W[];
  readonly total: number | undefined;
  readonly lastPageFull: boolean;
}

interface Settled {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly totalCount: number | null;
}

/**
 * A streamed window over an offset list, its pages asked one after another like a checkpoint list's: each
 * page's edges go out before the next page is asked, so the first rows wait for one call and not for ten, a
 * page shorter than asked ends the walk (no calls for pages past the list's end), and a request that ends
 * stops between pages instead of holding ten calls in the rate budget's queue at once.
 */
export function streamedOffsetConnection<W, N>(
  fetches: readonly OffsetFetch[],
  first: number,
  fetchPage: (fetch: OffsetFetch) => Promise<OffsetPage<W>>,
  toEdges: (wires: readonly W[]) => readonly Edge<N>[],
  settle: (walked: Walked<W>) => Settled,
): Connection<N> {
  const edges = new EdgeStream<Edge<N>>();
  let firstEdge: Edge<N> | undefined;
  let lastEdge: Edge<N> | undefined;
  const walk = async (): Promise<Walked<W>> => {
    const wires: W[] = [];
    let total: number | undefined;
    let lastPageFull = false;
    for (const fetch of fetches) {
      const page = await fetchPage(fetch);
      total ??= page.total;
      const wanted = page.items.slice(fetch.skip, fetch.skip + first - wires.length);
      wires.push(...wanted);
      const pageEdges = toEdges(wanted);
      firstEdge ??= pageEdges[0];
      lastEdge = pageEdges.at(-1) ?? lastEdge;
      edges.push(pageEdges);
      lastPageFull = page.items.length === fetch.perPage;
      if (!lastPageFull || wires.length >= first) break;
    }
    return { wires, total, lastPageFull };
  };
  const settled = walk().then(
    (walked) => {
      edges.end();
      return settle(walked);
    },
    (error: unknown) => {
      edges.fail(error);
      throw error;
    },
  );
  const pageInfo = settled.then((done) => pageInfoOf(firstEdge, lastEdge, done.hasNextPage, done.hasPreviousPage));
  const totalCount = settled.then((done) => done.totalCount);
  // Unselected, they are never awaited; their failure reaches the caller through the edges.
  pageInfo.catch(() => undefined);
  totalCount.catch(() => undefined);
  return { edges, pageInfo, totalCount };
}
