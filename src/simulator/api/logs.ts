import { apiError, notFound, queryError } from '../errors.ts';
import { LOG_FIELDS, type LogEntry } from '../logs/log-entry.ts';
import { param, type ApiContext, type RouteSpec } from './context.ts';
import { selectFields } from './fields.ts';
import { listResponse } from './paging.ts';
import { intParam, propertyError } from './query-params.ts';

const LOG_SCOPES = { anyOf: ['read:logs', 'read:logs_users'] } as const;
const DEFAULT_TAKE = 50;

/**
 * The part of Auth0's log search the simulator answers: `field:value` or `field:"value"` clauses on an entry's
 * top-level fields, joined by `AND`, with a trailing `*` for a prefix. Anything richer is refused rather than
 * answered wrongly.
 */
function compileLogQuery(q: string): (entry: LogEntry) => boolean {
  const tests = q.split(' AND ').map((clause) => {
    const match = /^\s*(\w+):(?:"([^"]*)"|([^\s"()]+))\s*$/.exec(clause);
    const field = match?.[1];
    const value = match?.[2] ?? match?.[3];
    if (field === undefined || value === undefined || !(LOG_FIELDS as readonly string[]).includes(field)) {
      throw apiError(400, `The simulator answers only field:value clauses joined by AND on log fields, not: ${clause}`, 'invalid_query_string');
    }
    const prefix = value.endsWith('*') ? value.slice(0, -1) : undefined;
    return (entry: LogEntry): boolean => {
      const actual = entry[field];
      if (typeof actual !== 'string') return false;
      return prefix === undefined ? actual === value : actual.startsWith(prefix);
    };
  });
  return (entry) => tests.every((test) => test(entry));
}

/** Offset order: newest first unless `sort` asks otherwise (`date:1` or `date:-1`, the field the docs show). */
function sortedNewestFirst(entries: readonly LogEntry[], sort: string | null): readonly LogEntry[] {
  const newestFirst = [...entries].reverse();
  if (sort === null || sort === '' || sort === 'date:-1') return newestFirst;
  if (sort === 'date:1') return entries;
  throw propertyError('sort', `String '${sort}' does not match pattern ^date:(1|-1)$`);
}

/**
 * Checkpoint mode, as a recorded call shows it: `from` gives the entries after that id, oldest first, as a bare
 * array, ignoring every other parameter; `take` alone gives the newest entries, newest first (its order is
 * unconfirmed). Ids sort, so `from` need not name an entry the simulator still holds.
 */
function checkpoint(ctx: ApiContext): LogEntry[] {
  const take = intParam(ctx.query, 'take', { min: 1, max: 100 }) ?? DEFAULT_TAKE;
  const from = ctx.query.get('from');
  if (from === null || from === '') return [...ctx.logs.visible(ctx.nowMs)].reverse().slice(0, take);
  if (!/^\d+$/.test(from)) throw queryError(`'String does not match pattern ^\\d+$: ${from}' on property from (Log Event Id from which to start selection from.).`);
  return [...ctx.logs.after(from, take, ctx.nowMs)];
}

const listLogs: RouteSpec = {
  template: '/logs',
  scopes: LOG_SCOPES,
  handle(ctx) {
    const fields = selectFields(ctx.query, { allowed: LOG_FIELDS });
    if (ctx.query.has('from') || ctx.query.has('take')) return checkpoint(ctx).map((entry) => fields.project(entry));
    // SDK 7 sends the search as `search` (the current OAS name), older clients and the docs as `q`.
    const q = ctx.query.get('q') ?? ctx.query.get('search');
    let entries = sortedNewestFirst(ctx.logs.visible(ctx.nowMs), ctx.query.get('sort'));
    if (q !== null && q !== '') entries = entries.filter(compileLogQuery(q));
    return listResponse(ctx, {
      key: 'logs',
      items: entries,
      project: (entry) => fields.project(entry),
      envelope: 'users',
      cap: 'records',
      perPageMin: 0,
    });
  },
};

const getLog: RouteSpec = {
  template: '/logs/{id}',
  scopes: LOG_SCOPES,
  handle(ctx) {
    const entry = ctx.logs.byId(param(ctx, 'id'), ctx.nowMs);
    // UNCONFIRMED upstream: the body of a log id that does not exist.
    if (entry === undefined) throw notFound.route();
    return entry;
  },
};

export const LOG_ROUTES: readonly RouteSpec[] = [listLogs, getLog];
