import { apiError } from '../errors.ts';
import { SEED_REFERENCE_MS } from '../seed/clock.ts';
import type { JsonObject, JsonValue } from '../tenant.ts';
import type { CursorRegistry } from './cursor.ts';
import { boolParam, intParam } from './query-params.ts';

/** Which 1,000-record error an endpoint gives when offset paging goes too far (docs/auth0-api.md#the-1000-record-cap). */
export type PagingCap = 'users' | 'records' | 'invitations';

/** Envelope shapes of §2.1: where `total` goes, whether `length` is added, what `limit` reports. */
export type EnvelopeStyle = 'users' | 'standard' | 'total-first' | 'no-total' | 'count-limit';

export interface CheckpointSpec<T> {
  idOf(item: T): string;
  /** When the record was made (ISO), which its cursor carries; absent for records that keep no date. */
  atOf?(item: T): string;
  /**
   * `no-next`: the last (partial) page carries no `next` (organizations, role users).
   * `empty-page`: every non-empty page carries `next`; the page after the end is empty (members).
   */
  readonly end: 'no-next' | 'empty-page';
}

export interface ListSpec<T> {
  readonly key: string;
  readonly items: readonly T[];
  /** How many records the listing has, when `items` holds only the leading ones offset paging can reach. */
  readonly total?: number;
  project(item: T): JsonValue;
  readonly envelope: EnvelopeStyle;
  readonly cap: PagingCap;
  /** Smallest allowed `per_page` (0 on users and clients, 1 elsewhere). */
  readonly perPageMin?: number;
  readonly checkpoint?: CheckpointSpec<T>;
}

export interface PagingContext {
  readonly query: URLSearchParams;
  readonly nowMs: number;
  readonly cursors: CursorRegistry;
}

/** Offset paging reaches only this many records (docs/auth0-api.md#the-1000-record-cap). */
export const MAX_RECORDS = 1000;
const DEFAULT_PAGE_SIZE = 50;

function capError(cap: PagingCap, page: number): ReturnType<typeof apiError> {
  if (cap === 'users') {
    return apiError(
      400,
      'You can only page through the first 1000 records. See https://auth0.com/docs/users/search/v3/view-search-results-by-page#limitation',
      'invalid_paging',
    );
  }
  if (cap === 'invitations') return apiError(400, 'Requesting page exceeds the allowed maximum of 1000 records', 'invalid_paging');
  return apiError(
    400,
    `Requesting page ${page} exceeds the allowed maximum of 1000 records. To fetch results beyond 1000, use the checkpoint pagination method.`,
    'invalid_paging',
  );
}

function envelope(style: EnvelopeStyle, key: string, list: JsonValue[], start: number, limit: number, total: number): JsonObject {
  switch (style) {
    case 'users':
      return { start, limit, length: list.length, [key]: list, total };
    case 'total-first':
      return { total, start, limit, [key]: list };
    case 'no-total':
      return { start, limit: list.length, [key]: list };
    case 'count-limit':
      return { start, limit: list.length, total, [key]: list };
    default:
      return { start, limit, total, [key]: list };
  }
}

/**
 * Where each id sits in a list a checkpoint walk resumes in: built once per stored list (a members list of 10,000
 * is walked in 100 requests), rebuilt when the list has grown (stored lists only ever grow at the end). A list
 * made for one request (a sort) costs one pass, as a search would, and its entry goes with it.
 */
const positionsByList = new WeakMap<readonly unknown[], { readonly length: number; readonly of: Map<string, number> }>();

function positionAfter<T>(items: readonly T[], idOf: (item: T) => string, lastId: string): number {
  let cached = positionsByList.get(items);
  if (cached === undefined || cached.length !== items.length) {
    cached = { length: items.length, of: new Map(items.map((item, i) => [idOf(item), i])) };
    positionsByList.set(items, cached);
  }
  return cached.of.get(lastId) ?? -1;
}

function checkpointPage<T>(ctx: PagingContext, spec: ListSpec<T>, checkpoint: CheckpointSpec<T>): JsonObject {
  const take = intParam(ctx.query, 'take', { min: 1, max: 100 }) ?? DEFAULT_PAGE_SIZE;
  const from = ctx.query.get('from');
  let start = 0;
  if (from !== null && from !== '') {
    const lastId = ctx.cursors.resume(from, ctx.nowMs);
    const index = positionAfter(spec.items, checkpoint.idOf, lastId);
    if (index < 0) throw apiError(400, "The 'from' parameter is invalid or has expired", 'invalid_paging');
    start = index + 1;
  }
  const slice = spec.items.slice(start, start + take);
  const body: JsonObject = { [spec.key]: slice.map((item) => spec.project(item)) };
  const last = slice[slice.length - 1];
  const more = checkpoint.end === 'empty-page' ? slice.length > 0 : start + take < spec.items.length;
  if (more && last !== undefined) {
    const at = checkpoint.atOf === undefined ? SEED_REFERENCE_MS : Date.parse(checkpoint.atOf(last));
    body.next = ctx.cursors.issue(at, checkpoint.idOf(last), ctx.nowMs);
  }
  return body;
}

/**
 * Answers a list endpoint: checkpoint mode when the endpoint has it and `take`/`from` is present (totals
 * and `per_page` then ignored), else offset mode with a bare array unless `include_totals=true`.
 */
export function listResponse<T>(ctx: PagingContext, spec: ListSpec<T>): JsonValue {
  const { query } = ctx;
  if (spec.checkpoint !== undefined && (query.has('take') || query.has('from'))) {
    return checkpointPage(ctx, spec, spec.checkpoint);
  }
  const perPage = intParam(query, 'per_page', { min: spec.perPageMin ?? 1, max: 100 }) ?? DEFAULT_PAGE_SIZE;
  const page = intParam(query, 'page', { min: 0 }) ?? 0;
  const includeTotals = boolParam(query, 'include_totals') ?? false;
  const start = page * perPage;
  if (start >= MAX_RECORDS) throw capError(spec.cap, page);
  const end = Math.min(start + perPage, MAX_RECORDS);
  const list = spec.items.slice(start, end).map((item) => spec.project(item));
  if (!includeTotals) return list;
  return envelope(spec.envelope, spec.key, list, start, perPage, spec.total ?? spec.items.length);
}
