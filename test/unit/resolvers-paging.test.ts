import { describe, expect, it } from 'vitest';
import { planOffsetFetches } from '../../src/resolvers/offset-window.ts';
import { chunkUserIds, userIdQuery } from '../../src/resolvers/user-batch.ts';
import { allOf, phrase } from '../../src/resolvers/lucene.ts';
import { decodeCursor, encodeCursor } from '../../src/resolvers/cursor.ts';
import { estimatedPageSize, pageSize, pagesSpanned } from '../../src/resolvers/page-rules.ts';
import { offsetConnection } from '../../src/resolvers/offset-paging.ts';
import type { FetchOffsetPage } from '../../src/resolvers/offset-paging.ts';
import { connectionOf, edgeOf } from '../../src/resolvers/connection.ts';
import type { Edge, PageInfo } from '../../src/resolvers/connection.ts';
import { z } from 'zod';

describe('planOffsetFetches', () => {
  it.each([
    [0, 50, [{ page: 0, perPage: 50, skip: 0 }]],
    [100, 100, [{ page: 1, perPage: 100, skip: 0 }]],
    [3, 10, [{ page: 0, perPage: 13, skip: 3 }]],
    [95, 10, [{ page: 6, perPage: 15, skip: 5 }]],
    [1, 100, [{ page: 0, perPage: 100, skip: 1 }, { page: 1, perPage: 100, skip: 0 }]],
    [7, 0, []],
  ])('offset %i, count %i', (offset, count, expected) => {
    expect(planOffsetFetches(offset, count, 100)).toEqual(expected);
  });

  it('always covers exactly the window', () => {
    for (let offset = 0; offset < 300; offset += 7) {
      for (const count of [1, 13, 50, 99, 100]) {
        const covered: number[] = [];
        for (const fetch of planOffsetFetches(offset, count, 100)) {
          for (let i = fetch.page * fetch.perPage + fetch.skip; i < (fetch.page + 1) * fetch.perPage; i += 1) covered.push(i);
        }
        expect(covered.slice(0, count)).toEqual(Array.from({ length: count }, (_, i) => offset + i));
      }
    }
  });
});

describe('chunkUserIds', () => {
  const ids = Array.from({ length: 250 }, (_, i) => `auth0|${String(i).padStart(24, '0')}`);

  it('never puts more than 100 ids in one search and keeps their order', () => {
    const chunks = chunkUserIds(ids);
    expect(chunks.every((chunk) => chunk.length <= 100)).toBe(true);
    expect(chunks.flat()).toEqual(ids);
  });

  it('keeps each encoded query under the URL budget', () => {
    const long = ids.map((id) => `${id}${'é'.repeat(40)}`);
    const chunks = chunkUserIds(long, 5500);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(encodeURIComponent(userIdQuery(chunk)).length).toBeLessThanOrEqual(5500);
  });
});

describe('lucene', () => {
  it('quotes values so they cannot close the phrase', () => {
    expect(phrase('a" OR user_id:*')).toBe('"a\\" OR user_id:*"');
    expect(phrase('back\\slash')).toBe('"back\\\\slash"');
  });

  it('parenthesizes each clause', () => {
    expect(allOf(['a OR b', 'email:"x"'])).toBe('(a OR b) AND (email:"x")');
    expect(allOf([])).toBeUndefined();
  });
});

describe('cursors', () => {
  const state = z.object({ o: z.number() });
  it('round-trips under its own tag', () => {
    expect(decodeCursor('roles', encodeCursor('roles', { o: 3 }), state)).toEqual({ o: 3 });
  });
  it.each([
    ['another field', encodeCursor('organizations', { o: 3 })],
    ['garbage', 'not-a-cursor!!'],
    ['a foreign shape', encodeCursor('roles', { o: 'x' })],
  ])('refuses %s with BAD_USER_INPUT', (_label, cursor) => {
    expect(() => decodeCursor('roles', cursor, state)).toThrowError(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
  });
  it.each([[101], [-1], [1.5]])('refuses first = %d', (first) => {
    expect(() => pageSize(first)).toThrow(/first/);
  });
  it('defaults first to 50', () => {
    expect(pageSize(undefined)).toBe(50);
  });
  it.each([
    [undefined, 50],
    [null, 50],
    ['20', 50],
    [20, 20],
    [1000, 100],
    [-1, 0],
  ])('estimates first = %s as a page of %d, the nearest the resolvers take', (first, size) => {
    expect(estimatedPageSize(first)).toBe(size);
  });
  it('estimates a window started by a cursor as two upstream pages', () => {
    expect([pagesSpanned(undefined), pagesSpanned(null), pagesSpanned('c')]).toEqual([1, 1, 2]);
  });
  it('takes first up to 1,000 only where the edges are streamed', () => {
    expect(pageSize(1000, true)).toBe(1000);
    expect(() => pageSize(101)).toThrow(/between 0 and 100 \(up to 1000 when `edges` are streamed/);
    expect(() => pageSize(1001, true)).toThrow(/between 0 and 1000$/);
    expect([estimatedPageSize(5000, true), estimatedPageSize(250, true)]).toEqual([1000, 250]);
  });
  it("gives a page's pageInfo the cursors of its first and last edges, and none for an empty page", () => {
    const page = connectionOf([edgeOf('a', 'roles', { o: 0 }), edgeOf('b', 'roles', { o: 1 }), edgeOf('c', 'roles', { o: 2 })], true, false, null);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect([page.pageInfo.startCursor, page.pageInfo.endCursor]).toEqual([page.edges[0]?.cursor, page.edges[2]?.cursor]);
    expect(decodeCursor('roles', page.pageInfo.endCursor ?? '', state)).toEqual({ o: 2 });
    const empty = connectionOf([], false, true, 0);
    expect([empty.pageInfo.startCursor, empty.pageInfo.endCursor, empty.pageInfo.hasPreviousPage]).toEqual([null, null, true]);
  });
  it('estimates a streamed window as one upstream page per 100 records', () => {
    expect([pagesSpanned(undefined, 1000), pagesSpanned(undefined, 250), pagesSpanned('c', 250), pagesSpanned(undefined, 0)]).toEqual([10, 3, 4, 1]);
  });
});

describe('offsetConnection at the 1,000-record cap', () => {
  const plan = { totalCount: false, hasNextPage: false, nodeFields: new Set<string>(), streamed: false };
  const after = (offset: number) => encodeCursor('roles', { o: offset - 1 });
  function recordingFetch(): { fetch: FetchOffsetPage<number>; pages: number[][] } {
    const pages: number[][] = [];
    const fetch: FetchOffsetPage<number> = (page, perPage) => {
      pages.push([page, perPage]);
      return Promise.resolve({ items: Array.from({ length: perPage }, (_, index) => page * perPage + index), total: undefined });
    };
    return { fetch, pages };
  }

  it('pages a window that ends on the last record Auth0 pages', async () => {
    const { fetch, pages } = recordingFetch();
    const connection = await offsetConnection('roles', { first: 50, after: after(950) }, plan, fetch, (record) => record);
    expect(Array.isArray(connection.edges)).toBe(true);
    expect((connection.edges as readonly Edge<number>[]).map((edge) => edge.node)).toEqual(Array.from({ length: 50 }, (_, index) => 950 + index));
    expect(pages).toEqual([[19, 50]]);
  });

  it('refuses a window past it with BAD_USER_INPUT before any call, not with Auth0 400', async () => {
    const { fetch, pages } = recordingFetch();
    await expect(offsetConnection('roles', { first: 50, after: after(1_000) }, plan, fetch, (record) => record)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(pages).toEqual([]);
  });
});

describe('a streamed offset window', () => {
  const streamed = { totalCount: false, hasNextPage: true, nodeFields: new Set<string>(), streamed: true };
  /** A 250-record list whose pages resolve only when the test lets them. */
  function heldFetch(): { fetch: FetchOffsetPage<number>; asked: number[]; release: () => void } {
    const asked: number[] = [];
    const held: (() => void)[] = [];
    const fetch: FetchOffsetPage<number> = (page, perPage) => {
      asked.push(page);
      const items = Array.from({ length: Math.max(0, Math.min(perPage, 250 - page * perPage)) }, (_, index) => page * perPage + index);
      return new Promise((resolve) => held.push(() => resolve({ items, total: undefined })));
    };
    return { fetch, asked, release: () => held.shift()?.() };
  }

  it('asks its pages one after another, hands each page on before the next, and stops at the short page', async () => {
    const { fetch, asked, release } = heldFetch();
    const connection = await offsetConnection('roles', { first: 1000 }, streamed, fetch, (record) => record);
    const reader = (connection.edges as AsyncIterable<Edge<number>>)[Symbol.asyncIterator]();
    expect(asked).toEqual([0]);
    release();
    expect((await reader.next()).value?.node).toBe(0);
    expect(asked).toEqual([0, 1]);
    release();
    await new Promise(setImmediate);
    release();
    const rest: number[] = [];
    for (let next = await reader.next(); next.done !== true; next = await reader.next()) rest.push(next.value.node);
    expect(rest).toEqual(Array.from({ length: 249 }, (_, index) => index + 1));
    // Ten pages would cover 1,000 records; the third, short one proves the list ended.
    expect(asked).toEqual([0, 1, 2]);
    expect(await (connection.pageInfo as Promise<PageInfo>)).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });
});
