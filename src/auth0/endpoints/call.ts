import type { z } from 'zod';
import { Auth0Error } from '../errors.ts';
import { routeOf } from '../routes.ts';
import type { Auth0Client, Auth0Request, Query } from '../types.ts';

/** What every typed call passes through to the client untouched: the deadline, the report hooks and whose work it is. */
export type CallOptions = Pick<Auth0Request, 'signal' | 'deadline' | 'onCall' | 'onCache' | 'traceParent' | 'flow'>;

/**
 * GET and parse. A body that does not match the schema is an upstream fault, reported without the body
 * (it may hold personal data); zod objects strip unknown keys, so fields we did not model never travel on.
 */
export async function getParsed<S extends z.ZodType>(
  client: Auth0Client,
  path: string,
  query: Query,
  schema: S,
  options: CallOptions,
): Promise<z.output<S>> {
  // Named one by one, not spread: a request's options keep `signal` and `deadline` as getters on their prototype.
  const { signal, deadline, onCall, onCache, traceParent, flow } = options;
  const body = await client.get({ path, query, signal, deadline, onCall, onCache, traceParent, flow });
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const route = routeOf(path);
    throw new Auth0Error('AUTH0_UPSTREAM', `Auth0 answered ${route} with an unexpected shape`, { route });
  }
  return parsed.data;
}

/**
 * One encoded path segment. `encodeURIComponent` leaves `.` alone and URL parsers collapse `.`/`..`
 * segments (even percent-encoded), so such ids could reach another resource: they name nothing, so they are
 * reported as not found without a call.
 */
export function pathSegment(id: string): string {
  if (id === '' || id === '.' || id === '..') {
    throw new Auth0Error('AUTH0_NOT_FOUND', 'No such resource');
  }
  return encodeURIComponent(id);
}

/** `fields=` allow-list parameters; `include_fields=true` so Auth0 returns only what is named. */
export function allowList(fields: readonly string[]): Query {
  return { fields: fields.join(','), include_fields: true };
}
