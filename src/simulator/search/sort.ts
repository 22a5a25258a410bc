import { quoteToken, UserSearchError } from './errors.ts';
import { isProfileField, resolveField, type FieldKind, type StoredUser } from './fields.ts';
import { asText, foldCase, toInstant } from './matchers.ts';

export type UserComparator = (a: StoredUser, b: StoredUser) => number;

type SortKey = number | string;

const SORT = /^(.+):(-?1)$/;
const NO_ORGANIZATIONS = { organizationIds: [] };

/**
 * Compiles `sort=field:1|-1`. Users without the field come last in both directions (Elasticsearch's
 * `missing: _last`); a field with several values (identities) sorts by its smallest value ascending and
 * its largest descending; ties fall back to `user_id` ascending so pages never shuffle.
 */
export function compileUserSort(sort: string): UserComparator {
  const match = SORT.exec(sort.trim());
  if (match === null) throw new UserSearchError(`sort must look like "field:1" or "field:-1", got ${quoteToken(sort)}`);
  const [, field = '', order] = match;
  if (field.startsWith('app_metadata') || field.startsWith('user_metadata')) {
    throw new UserSearchError('sorting by app_metadata or user_metadata is not supported');
  }
  const accessor = isProfileField(field) ? resolveField(field) : undefined;
  if (accessor === undefined) throw new UserSearchError(`cannot sort by unknown field ${quoteToken(field)}`);
  const direction = order === '-1' ? -1 : 1;
  const keyOf = (user: StoredUser): SortKey | undefined => {
    let best: SortKey | undefined;
    for (const value of accessor.values(user, NO_ORGANIZATIONS)) {
      const key = sortKey(accessor.kind, value);
      if (key === undefined) continue;
      if (best === undefined || (direction === 1 ? key < best : key > best)) best = key;
    }
    return best;
  };
  return (a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    if (ka !== kb) {
      if (ka === undefined) return 1;
      if (kb === undefined) return -1;
      if (ka < kb) return -direction;
      if (ka > kb) return direction;
    }
    return compareUserIds(a, b);
  };
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

function compareUserIds(a: StoredUser, b: StoredUser): number {
  const ia = asText(a.user_id) ?? '';
  const ib = asText(b.user_id) ?? '';
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}
