import { encodeCursor } from './cursor.ts';

/** The shape every connection field resolves to; `totalCount` is null where Auth0 cannot count or nobody asked. */
export interface Connection<T> {
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

export function connectionOf<T>(edges: readonly Edge<T>[], hasNextPage: boolean, hasPreviousPage: boolean, totalCount: number | null): Connection<T> {
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}
