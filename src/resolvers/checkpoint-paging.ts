import { z } from 'zod';
import type { CheckpointPage } from '../auth0/endpoints/lists.ts';
import { connectionOf, edgeOf, pageInfoOf } from './connection.ts';
import type { Connection, Edge } from './connection.ts';
import { decodeCursor } from './cursor.ts';
import { EdgeStream } from './edge-stream.ts';
import { MAX_PAGE_SIZE, pageSize } from './page-rules.ts';
import type { OffsetConnectionArgs } from './offset-paging.ts';

/**
 * A position in a checkpoint list: the `from` of the page it lies in (absent for the first page), how many
 * records of that page come before it, and how many records of the whole list do (`n`, to compare with a
 * count). Cursors at a page end carry Auth0's `next` with skip 0, so a caller paging by `endCursor` costs
 * exactly one call per page.
 */
const checkpointState = z.object({ f: z.string().optional(), k: z.number().int().nonnegative(), n: z.number().int().nonnegative() });
type Position = z.output<typeof checkpointState>;

export type FetchCheckpointPage<W> = (from: string | undefined, take: number) => Promise<CheckpointPage<W>>;

/**
 * The nodes of the records a connection keeps, one each and in order. It may wait, to read what the nodes
 * need in one batch (listed users' profiles), and then runs beside the connection's count.
 */
export type ToNodes<W, N> = (wires: readonly W[]) => readonly N[] | Promise<readonly N[]>;

/**
 * Collects `first` records from a checkpoint list. A page shorter than asked ends the list even when Auth0
 * still sends `next` (the members endpoint does, then answers an empty page; docs/auth0-api.md#checkpoint-pagination).
 *
 * A last page that is exactly full is the one case a checkpoint list cannot settle by itself: the members
 * endpoint sends `next` after every non-empty page, so only the following (empty) call proves the end, and
 * `first: 100` leaves no room to ask one record more. `hasNextPage` is then `true` and the caller's next page
 * is empty. When `totalCount` is selected its count is fetched anyway, and it settles the question for free.
 *
 * With `streamed` (`edges @stream`), `first` may reach 1,000: the connection answers at once, each page's
 * edges go out as it arrives, and `pageInfo` settles with the last page.
 */
export async function checkpointConnection<W, N>(
  tag: string,
  args: OffsetConnectionArgs,
  fetchPage: FetchCheckpointPage<W>,
  toNodes: ToNodes<W, N>,
  totalCount: Promise<number | null>,
  streamed = false,
): Promise<Connection<N>> {
  const first = pageSize(args.first, streamed);
  const start: Position = args.after ? decodeCursor(tag, args.after, checkpointState) : { k: 0, n: 0 };
  if (streamed) return streamedConnection(tag, first, start, fetchPage, toNodes, totalCount);
  const collectedNodes = collect(first, start, fetchPage).then(async (collected) => {
    const nodes = await toNodes(collected.items.map((item) => item.wire));
    return { collected, nodes };
  });
  const [{ collected, nodes }, total] = await Promise.all([collectedNodes, totalCount]);
  const edges: Edge<N>[] = collected.items.map((item, index) => edgeOf(nodes[index] as N, tag, item.position));
  return connectionOf(edges, hasMore(collected, start, total), start.n > 0, total);
}

function hasMore(collected: Collected<unknown>, start: Position, total: number | null): boolean {
  return collected.hasNextPage && (total === null || start.n + collected.items.length < total);
}

function streamedConnection<W, N>(
  tag: string,
  first: number,
  start: Position,
  fetchPage: FetchCheckpointPage<W>,
  toNodes: ToNodes<W, N>,
  totalCount: Promise<number | null>,
): Connection<N> {
  const edges = new EdgeStream<Edge<N>>();
  let firstEdge: Edge<N> | undefined;
  let lastEdge: Edge<N> | undefined;
  const collected = collect(first, start, fetchPage, async (items) => {
    const nodes = await toNodes(items.map((item) => item.wire));
    const page = items.map((item, index) => edgeOf(nodes[index] as N, tag, item.position));
    firstEdge ??= page[0];
    lastEdge = page.at(-1) ?? lastEdge;
    edges.push(page);
  }).then(
    (done) => {
      edges.end();
      return done;
    },
    (error: unknown) => {
      edges.fail(error);
      throw error;
    },
  );
  const pageInfo = Promise.all([collected, totalCount]).then(([done, total]) =>
    pageInfoOf(firstEdge, lastEdge, hasMore(done, start, total), start.n > 0),
  );
  // Unselected, they are never awaited; their failure reaches the caller through the edges.
  pageInfo.catch(() => undefined);
  totalCount.catch(() => undefined);
  return { edges, pageInfo, totalCount };
}

interface Collected<W> {
  readonly items: { wire: W; position: Position }[];
  readonly hasNextPage: boolean;
}

/** Walks the pages from `start` until `first` records; `onPage` sees each page's records before the next is asked. */
async function collect<W>(
  first: number,
  start: Position,
  fetchPage: FetchCheckpointPage<W>,
  onPage: (items: readonly { wire: W; position: Position }[]) => Promise<void> = async () => {},
): Promise<Collected<W>> {
  const items: { wire: W; position: Position }[] = [];
  let from = start.f;
  let skip = start.k;
  while (items.length < first) {
    const take = Math.min(MAX_PAGE_SIZE, skip + first - items.length);
    const page = await fetchPage(from, take);
    const ended = page.next === undefined || page.items.length < take;
    const usable = page.items.slice(skip);
    const wanted = usable.slice(0, first - items.length);
    const before = items.length;
    wanted.forEach((wire, index) => {
      const consumed = skip + index + 1;
      const n = start.n + items.length + 1;
      const atPageEnd = consumed === page.items.length && page.next !== undefined;
      const position: Position = atPageEnd ? { f: page.next, k: 0, n } : from === undefined ? { k: consumed, n } : { f: from, k: consumed, n };
      items.push({ wire, position });
    });
    await onPage(items.slice(before));
    if (wanted.length < usable.length) return { items, hasNextPage: true };
    if (ended) return { items, hasNextPage: false };
    from = page.next;
    skip = 0;
  }
  return { items, hasNextPage: true };
}
