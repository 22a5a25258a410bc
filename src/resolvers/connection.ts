import { encodeCursor } from './cursor.ts';

/**
 * The shape every connection field resolves to; `totalCount` is null where Auth0 cannot count or nobody asked.
 * A streamed connection (`edges @stream`) holds its edges as they arrive, and a `pageInfo` that settles with
 * the last page: it answers at once and fills in as Auth0 does.
 */
export interface Connection<T> {
  readonly edges: readonly Edge<T>[] | AsyncIterable<Edge<T>>;
  readonly pageInfo: PageInfo | Promise<PageInfo>;
  readonly totalCount: number | null | Promise<number | null>;
}

/** A connection whose page is all in hand: every unstreamed one. */
export interface Page<T> extends Connection<T> {
  readonly edges: readonly Edge<T>[];
  readonly pageInfo: PageInfo;
  readonly totalCount: number | null;
}

export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}

/**
 * An edge whose cursor is encoded only when read: a page holds up to 100 edges, and most queries select
 * their nodes, not their cursors (encoding every one was ~3% of a cold roster's CPU).
 */
class LazyEdge<T> implements Edge<T> {
  #cursor: string | undefined;

  constructor(
    readonly node: T,
    private readonly tag: string,
    private readonly state: unknown,
  ) {}

  get cursor(): string {
    return (this.#cursor ??= encodeCursor(this.tag, this.state));
  }
}

/** The edge of `node` at `state` in the list `tag` pages (see `encodeCursor`). */
export function edgeOf<T>(node: T, tag: string, state: unknown): Edge<T> {
  return new LazyEdge(node, tag, state);
}

export function connectionOf<T>(edges: readonly Edge<T>[], hasNextPage: boolean, hasPreviousPage: boolean, totalCount: number | null): Page<T> {
  return { edges, pageInfo: pageInfoOf(edges[0], edges.at(-1), hasNextPage, hasPreviousPage), totalCount };
}

/** Its cursors, too, are encoded only when read: most queries select `hasNextPage` or nothing of it. */
class LazyPageInfo<T> implements PageInfo {
  constructor(
    private readonly start: Edge<T> | undefined,
    private readonly end: Edge<T> | undefined,
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
  ) {}

  get startCursor(): string | null {
    return this.start?.cursor ?? null;
  }

  get endCursor(): string | null {
    return this.end?.cursor ?? null;
  }
}

export function pageInfoOf<T>(start: Edge<T> | undefined, end: Edge<T> | undefined, hasNextPage: boolean, hasPreviousPage: boolean): PageInfo {
  return new LazyPageInfo(start, end, hasNextPage, hasPreviousPage);
}
