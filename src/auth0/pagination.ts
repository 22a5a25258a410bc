import { z } from 'zod';
import { Auth0Error } from './errors.ts';
import { routeOf } from './routes.ts';
import type { Auth0Client, Auth0Request, Query } from './types.ts';

/** Auth0 refuses offset pages at or past the 1,000th record (AUTH0_API.md §1.3). */
export const OFFSET_RECORD_CAP = 1000;

/** What each page request carries besides path and query: the caller's deadline and cost reporting. */
export type PageRequestOptions = Pick<Auth0Request, 'signal' | 'deadline' | 'onCall' | 'onCache' | 'traceParent'>;

export interface OffsetPageSpec<T> {
  readonly path: string;
  readonly query?: Query;
  /** The list's key in the envelope, e.g. `organizations`. */
  readonly key: string;
  /** 1–100; Auth0's maximum is 100. */
  readonly perPage: number;
  /** Parses one item (a zod schema's `parse`); a malformed item fails the page. */
  readonly parse: (item: unknown) => T;
}

export interface CheckpointPageSpec<T> {
  readonly path: string;
  readonly query?: Query;
  readonly key: string;
  /** 1–100. */
  readonly take: number;
  readonly parse: (item: unknown) => T;
  /** Resume from a cursor an earlier page returned. */
  readonly from?: string;
}

/** Auth0 takes 1–100 per page; 0 would page forever through empty answers. */
function assertPageSize(size: number, route: string): void {
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    throw new Auth0Error('AUTH0_BAD_REQUEST', `Page size for ${route} must be an integer from 1 to 100`, { route });
  }
}

function listOf(body: unknown, key: string, route: string): { items: unknown[]; total: number | undefined; next: string | undefined } {
  if (Array.isArray(body)) return { items: body, total: undefined, next: undefined };
  const envelope = z
    .looseObject({ total: z.number().optional(), next: z.string().nullish() })
    .and(z.looseObject({ [key]: z.array(z.unknown()) }))
    .safeParse(body);
  if (!envelope.success) {
    throw new Auth0Error('AUTH0_UPSTREAM', `Auth0 answered GET ${route} without a '${key}' list`, { route, status: 200 });
  }
  const items = envelope.data[key];
  return {
    items: Array.isArray(items) ? items : [],
    total: envelope.data.total,
    next: envelope.data.next ?? undefined,
  };
}

/**
 * Offset pages (`page`/`per_page`/`include_totals`), one request per page pulled, so a caller can stop early.
 * Never asks past Auth0's 1,000-record cap: when more records exist it throws instead.
 */
export async function* offsetPages<T>(
  client: Auth0Client,
  spec: OffsetPageSpec<T>,
  options: PageRequestOptions = {},
): AsyncIterable<{ items: T[]; total?: number }> {
  const route = routeOf(spec.path);
  assertPageSize(spec.perPage, route);
  for (let page = 0; ; page += 1) {
    if (page * spec.perPage >= OFFSET_RECORD_CAP) {
      throw new Auth0Error(
        'AUTH0_BAD_REQUEST',
        `Offset pagination of ${route} cannot go past Auth0's first ${OFFSET_RECORD_CAP} records; use checkpoint pagination or narrow the query`,
        { route, auth0Code: 'invalid_paging' },
      );
    }
    const body = await client.get({
      ...options,
      path: spec.path,
      query: { ...spec.query, page, per_page: spec.perPage, include_totals: true },
    });
    const { items, total } = listOf(body, spec.key, route);
    yield total === undefined ? { items: items.map(spec.parse) } : { items: items.map(spec.parse), total };
    const seen = (page + 1) * spec.perPage;
    const exhausted = items.length < spec.perPage || (total !== undefined && seen >= total);
    if (exhausted) return;
  }
}

/**
 * Checkpoint pages (`take`, then `from=next`). Stops on a missing `next` or an empty page: organizations end
 * without `next`, members end with an extra empty page (AUTH0_API.md §1.3).
 */
export async function* checkpointPages<T>(
  client: Auth0Client,
  spec: CheckpointPageSpec<T>,
  options: PageRequestOptions = {},
): AsyncIterable<{ items: T[]; next?: string }> {
  const route = routeOf(spec.path);
  assertPageSize(spec.take, route);
  let from = spec.from;
  for (;;) {
    const body = await client.get({ ...options, path: spec.path, query: { ...spec.query, take: spec.take, from } });
    const { items, next } = listOf(body, spec.key, route);
    if (items.length === 0) return;
    yield next === undefined || next === '' ? { items: items.map(spec.parse) } : { items: items.map(spec.parse), next };
    if (next === undefined || next === '') return;
    from = next;
  }
}
