import { z } from 'zod';

/** An offset page: the items, and Auth0's total when `include_totals=true` was sent and the endpoint counts. */
export interface OffsetPage<T> {
  readonly items: readonly T[];
  readonly total: number | undefined;
}

/** A checkpoint page: the items and the opaque `next` to pass back as `from`, absent at the end. */
export interface CheckpointPage<T> {
  readonly items: readonly T[];
  readonly next: string | undefined;
}

/**
 * Offset lists come back as a bare array without `include_totals`, or as `{ <key>: [...], total?, start,
 * limit }` with it (docs/auth0-api.md#response-shapes); both normalize to one shape. Build it once, at module scope: zod
 * compiles a schema on its first parse, so one made per call is compiled on every call.
 */
export function offsetList<T extends z.ZodType>(key: string, item: T) {
  const envelope = z.object({ items: z.array(item), total: z.number().int().nonnegative().optional() });
  return z.union([
    z.array(item).transform((list): OffsetPage<z.output<T>> => ({ items: list, total: undefined })),
    z
      .preprocess((body) => renameList(body, key), envelope)
      .transform((page): OffsetPage<z.output<T>> => ({ items: page.items, total: page.total })),
  ]);
}

/** `{ <key>: [...], next? }`; an empty `next` is treated as the end, like a missing one. Built once, like `offsetList`. */
export function checkpointList<T extends z.ZodType>(key: string, item: T) {
  const envelope = z.object({ items: z.array(item), next: z.string().nullish() });
  return z.preprocess((body) => renameList(body, key), envelope).transform(
    (page): CheckpointPage<z.output<T>> => ({
      items: page.items,
      next: page.next === null || page.next === undefined || page.next === '' ? undefined : page.next,
    }),
  );
}

/** Each endpoint names its list differently; read it as `items` so one schema fits all. */
function renameList(body: unknown, key: string): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const record = body as Record<string, unknown>;
  return { items: record[key], total: record['total'], next: record['next'] };
}

/** Offset paging parameters Auth0 takes; `per_page` is always sent explicitly (docs/auth0-api.md#offset-pagination). */
export interface OffsetParams {
  readonly page: number;
  readonly perPage: number;
  readonly includeTotals: boolean;
}

export function offsetQuery(params: OffsetParams): Record<string, number | boolean> {
  return params.includeTotals
    ? { page: params.page, per_page: params.perPage, include_totals: true }
    : { page: params.page, per_page: params.perPage };
}

export interface CheckpointParams {
  readonly from: string | undefined;
  readonly take: number;
}

export function checkpointQuery(params: CheckpointParams): Record<string, string | number> {
  return params.from === undefined ? { take: params.take } : { from: params.from, take: params.take };
}
