import type { ObjectRef } from '@pothos/core';
import type { Connection, Edge } from '../resolvers/connection.ts';
import { inHand } from '../resolvers/field-declaration.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_STREAMED_PAGE_SIZE } from '../resolvers/page-rules.ts';
import { builder } from './builder.ts';
import type { Types } from './builder.ts';

/** Relay connection args as the contract fixes them (docs/schema.md#connections): forward paging only. */
export const pageArgs = builder.args((t) => ({
  first: t.int({ description: `At most ${MAX_PAGE_SIZE}, or ${MAX_STREAMED_PAGE_SIZE} when \`edges\` are streamed (@stream); defaults to ${DEFAULT_PAGE_SIZE}.` }),
  after: t.string({ description: 'An `endCursor` or edge `cursor` from this same field.' }),
}));

/**
 * `<Name>Connection` and `<Name>Edge` over a node type. `totalCount` exists only where Auth0 can count; it is
 * fetched only when selected. Both hold what the connection field fetched, so what they cost is the
 * connection field's declaration.
 */
export function connectionType<T>(
  name: string,
  node: ObjectRef<Types, T>,
  options: { readonly counts: boolean },
): ObjectRef<Types, Connection<T>> {
  const edge = builder.objectRef<Edge<T>>(`${name}Edge`).implement({
    extensions: inHand(),
    fields: (t) => ({
      cursor: t.exposeString('cursor'),
      node: t.expose('node', { type: node }),
    }),
  });
  return builder.objectRef<Connection<T>>(`${name}Connection`).implement({
    extensions: inHand(),
    fields: (t) => ({
      edges: t.field({ type: [edge], resolve: (parent) => parent.edges }),
      pageInfo: t.field({ type: builder.pageInfoRef(), resolve: (parent) => parent.pageInfo }),
      ...(options.counts
        ? { totalCount: t.int({ nullable: true, description: 'Counted by Auth0; asked for only when selected.', resolve: (parent) => parent.totalCount }) }
        : {}),
    }),
  });
}
