import { quoteToken, UserSearchError } from './errors.ts';
import { isProfileField, resolveField, type FieldKind, type StoredUser } from './fields.ts';
import { asText, foldCase, toInstant } from './matchers.ts';

export type SortKey = number | string;

/** A compiled `sort=field:1|-1`: each user's key, and which way keys run. */
export interface UserOrder {
  /** The key a user sorts by, or undefined when it has none (it then comes last either way). */
  keyOf(user: StoredUser): SortKey | undefined;
  readonly direction: 1 | -1;
}

const SORT = /^(.+):(-?1)$/;
const NO_ORGANIZATIONS = { organizationIds: [] };

/**
 * Compiles `sort=field:1|-1`. Users without the field come last in both directions (Elasticsearch's
 * `missing: _last`); a field with several values (identities) sorts by its smallest value ascending and
 * its largest descending; ties fall back to `user_id` ascending so pages never shuffle (see `leadingUsers`).
 */
export function compileUserOrder(sort: string): UserOrder {
  const match = SORT.exec(sort.trim());
  if (match === null) throw new UserSearchError(`sort must look like "field:1" or "field:-1", got ${quoteToken(sort)}`);
  const [, field = '', order] = match;
  if (field.startsWith('app_metadata') || field.startsWith('user_metadata')) {
    throw new UserSearchError('sorting by app_metadata or user_metadata is not supported');
  }
  const accessor = isProfileField(field) ? resolveField(field) : undefined;
  if (accessor === undefined) throw new UserSearchError(`cannot sort by unknown field ${quoteToken(field)}`);
  const direction = order === '-1' ? -1 : 1;
  return {
    direction,
    keyOf(user) {
      let best: SortKey | undefined;
      for (const value of accessor.values(user, NO_ORGANIZATIONS)) {
        const key = sortKey(accessor.kind, value);
        if (key === undefined) continue;
        if (best === undefined || (direction === 1 ? key < best : key > best)) best = key;
      }
      return best;
    },
  };
}

interface Keyed<T> {
  readonly user: T;
  readonly key: SortKey | undefined;
  readonly id: string;
}

/** Negative when `a` comes first: keyless last, then by key in `direction`, then by user id ascending. */
function compareKeys(ka: SortKey | undefined, ia: string, kb: SortKey | undefined, ib: string, direction: 1 | -1): number {
  if (ka !== kb) {
    if (ka === undefined) return 1;
    if (kb === undefined) return -1;
    if (ka < kb) return -direction;
    if (ka > kb) return direction;
  }
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/**
 * The first `limit` of `users` in `order`, sorted. Each key is worked out once, and only the leading `limit` are
 * kept (a bounded heap whose root is the worst kept), so a page of a 100,000-user search costs one pass over
 * the matches and a sort of at most `limit`, not a sort of every match.
 */
export function leadingUsers<T extends StoredUser>(users: readonly T[], order: UserOrder, limit: number): T[] {
  const { direction } = order;
  const compare = (a: Keyed<T>, b: Keyed<T>): number => compareKeys(a.key, a.id, b.key, b.id, direction);
  const after = (a: Keyed<T>, b: Keyed<T>): boolean => compare(a, b) > 0;
  // Max-heap on the sort order: heap[0] is the last of the kept users, the first to give way.
  const heap: Keyed<T>[] = [];
  for (const user of users) {
    const key = order.keyOf(user);
    const id = asText(user.user_id) ?? '';
    if (heap.length < limit) {
      heap.push({ user, key, id });
      siftUp(heap, heap.length - 1, after);
      continue;
    }
    const last = heap[0];
    // Most users of a large search lose to the kept ones; they are turned away before anything is allocated.
    if (last === undefined || compareKeys(last.key, last.id, key, id, direction) <= 0) continue;
    heap[0] = { user, key, id };
    siftDown(heap, 0, after);
  }
  return heap.sort(compare).map((entry) => entry.user);
}

function siftUp<E>(heap: E[], from: number, after: (a: E, b: E) => boolean): void {
  let i = from;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!after(heap[i] as E, heap[parent] as E)) return;
    [heap[i], heap[parent]] = [heap[parent] as E, heap[i] as E];
    i = parent;
  }
}

function siftDown<E>(heap: E[], from: number, after: (a: E, b: E) => boolean): void {
  let i = from;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let top = i;
    if (left < heap.length && after(heap[left] as E, heap[top] as E)) top = left;
    if (right < heap.length && after(heap[right] as E, heap[top] as E)) top = right;
    if (top === i) return;
    [heap[i], heap[top]] = [heap[top] as E, heap[i] as E];
    i = top;
  }
}

function sortKey(kind: FieldKind, value: unknown): SortKey | undefined {
  switch (kind) {
    case 'number':
      return typeof value === 'number' ? value : undefined;
    case 'date':
      return toInstant(value);
    case 'boolean':
      return typeof value === 'boolean' ? Number(value) : undefined;
    case 'folded': {
      const text = asText(value);
      return text === undefined ? undefined : foldCase(text);
    }
    case 'text':
    case 'dynamic':
      return asText(value);
  }
}
