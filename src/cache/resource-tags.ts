import type { Query } from '../auth0/types.ts';
import { listingKey, recordKey } from './invalidation.ts';
import type { ResourceKey, ResourceType } from './invalidation.ts';

/**
 * The resources one cached upstream body holds, named as the change feed names what a change touches
 * (invalidation.ts). The path says whose record or sub-list it is; the body of a list of users says which
 * users it shows, so a login evicts the members pages its user appears on and not every search. A body that names
 * no resource gets no tag and lives by the plain TTL (docs/design.md#answers-kept-until-they-change).
 */
export function resourceTags(path: string, query: Query = {}, body?: unknown): ResourceKey[] {
  const segments = path.split('?')[0]?.split('/').filter((segment) => segment !== '').map(decode) ?? [];
  const [collection, id, sub, subId] = segments;
  const tags = new Set<ResourceKey>();
  const listed = (type: ResourceType, field: string): void => {
    for (const listedId of idsIn(body, field)) tags.add(recordKey(type, listedId));
  };
  switch (collection) {
    case 'users':
      if (id !== undefined) {
        tags.add(recordKey('User', id));
        if (sub === 'organizations') listed('Organization', 'id');
        if (sub === 'roles') listed('Role', 'id');
        break;
      }
      {
        // The batch search by ids shows exactly those users; any other search can gain or lose anyone.
        const ids = searchedIds(query['q']);
        if (ids === undefined) tags.add(listingKey('User'));
        for (const searched of ids ?? []) tags.add(recordKey('User', searched));
        listed('User', 'user_id');
      }
      break;
    case 'users-by-email':
      tags.add(listingKey('User'));
      listed('User', 'user_id');
      break;
    case 'organizations':
      // A listing shows records, but what changes them (create, rename, delete) names the listing too, while a
      // member joining names only the organization: tagged by its rows, a listing would go with every join.
      if (id === undefined || id === 'name') {
        tags.add(listingKey('Organization'));
        break;
      }
      tags.add(recordKey('Organization', id));
      if (sub === 'members' && subId !== undefined) tags.add(recordKey('User', subId));
      else if (sub === 'members') listed('User', 'user_id');
      break;
    case 'roles':
      if (id === undefined) {
        tags.add(listingKey('Role'));
        break;
      }
      tags.add(recordKey('Role', id));
      if (sub === 'users') listed('User', 'user_id');
      break;
    case 'clients':
      tags.add(id === undefined ? listingKey('Client') : recordKey('Client', id));
      break;
    case 'connections':
      tags.add(id === undefined ? listingKey('Connection') : recordKey('Connection', id));
      break;
    case 'stats':
      tags.add(listingKey('Stats'));
      break;
    default:
      break;
  }
  return [...tags];
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const LIST_PROPERTIES = ['users', 'organizations', 'members', 'roles', 'clients', 'connections'] as const;

/** The `field` of each item of a bare list or of an envelope's list (`{members: [...], total}`). */
function idsIn(body: unknown, field: string): string[] {
  let items: unknown = body;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const envelope = body as Record<string, unknown>;
    items = LIST_PROPERTIES.map((name) => envelope[name]).find(Array.isArray);
  }
  if (!Array.isArray(items)) return [];
  const ids: string[] = [];
  for (const item of items as unknown[]) {
    const value = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[field] : undefined;
    if (typeof value === 'string') ids.push(value);
  }
  return ids;
}

const BY_IDS = /^user_id:\((.*)\)$/s;
const PHRASE = /"((?:[^"\\]|\\.)*)"/g;

/** The ids of a `user_id:("a" OR "b")` search (resolvers/user-batch.ts), or undefined for any other query. */
function searchedIds(q: Query[string]): string[] | undefined {
  if (typeof q !== 'string') return undefined;
  const inner = BY_IDS.exec(q)?.[1];
  if (inner === undefined) return undefined;
  const ids: string[] = [];
  let rest = inner;
  for (const match of inner.matchAll(PHRASE)) {
    ids.push((match[1] ?? '').replace(/\\(.)/g, '$1'));
    rest = rest.replace(match[0], '');
  }
  // Anything besides phrases joined by OR is a search of another shape.
  return ids.length > 0 && rest.replace(/ OR /g, '').trim() === '' ? ids : undefined;
}
