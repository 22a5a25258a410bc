import DataLoader from 'dataloader';
import type { Auth0Client } from '../auth0/types.ts';
import type { CallOptions } from '../auth0/endpoints/call.ts';
import { getClient } from '../auth0/endpoints/clients.ts';
import type { ClientWire } from '../auth0/endpoints/clients.ts';
import { getConnection } from '../auth0/endpoints/connections.ts';
import type { ConnectionWire } from '../auth0/endpoints/connections.ts';
import { countMembers, getOrganization } from '../auth0/endpoints/organizations.ts';
import type { OrganizationWire } from '../auth0/endpoints/organizations.ts';
import { getRole } from '../auth0/endpoints/roles.ts';
import type { RoleWire } from '../auth0/endpoints/roles.ts';
import { getUser, searchUsers } from '../auth0/endpoints/users.ts';
import type { UserWire } from '../auth0/endpoints/users.ts';
import { nullIfNotFound } from './errors.ts';
import { MAX_IDS_PER_SEARCH, chunkUserIds, userIdQuery } from './user-batch.ts';

/** Per-request loaders: created with the context, so their memo never outlives one request or crosses callers. */
export interface Loaders {
  readonly userById: DataLoader<string, UserWire | null>;
  readonly organizationById: DataLoader<string, OrganizationWire | null>;
  readonly roleById: DataLoader<string, RoleWire | null>;
  readonly clientById: DataLoader<string, ClientWire | null>;
  readonly connectionById: DataLoader<string, ConnectionWire | null>;
  /** Seats per organization: one counted members call each. */
  readonly memberCount: DataLoader<string, number>;
}

export function createLoaders(auth0: Auth0Client, call: CallOptions): Loaders {
  const one = <W>(get: (client: Auth0Client, id: string, options: CallOptions) => Promise<W>) => () =>
    new DataLoader<string, W | null>((ids) => settleEach(ids, (id) => nullIfNotFound(() => get(auth0, id, call))));
  return lazily<Loaders>({
    userById: () => new DataLoader((ids) => loadUsers(auth0, call, ids), { maxBatchSize: MAX_IDS_PER_SEARCH * 4 }),
    organizationById: one(getOrganization),
    roleById: one(getRole),
    clientById: one(getClient),
    connectionById: one(getConnection),
    memberCount: () => new DataLoader((ids) => settleEach(ids, (id) => countMembers(auth0, id, call))),
  });
}

/** Each loader is made on first use: a request answered from the response cache, or using one type, makes few. */
function lazily<T extends object>(factories: { readonly [K in keyof T]: () => T[K] }): T {
  const made: Partial<T> = {};
  const loaders = {} as T;
  for (const key of Object.keys(factories) as (keyof T)[]) {
    Object.defineProperty(loaders, key, { enumerable: true, get: () => (made[key] ??= factories[key]()) });
  }
  return loaders;
}

/** DataLoader's contract: one slot per key, an Error in the slot of a key that failed. */
function settleEach<V>(ids: readonly string[], load: (id: string) => Promise<V>): Promise<(V | Error)[]> {
  return Promise.all(ids.map((id) => load(id).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
}

/**
 * Users by id: one search `user_id:("a" OR "b" …)` per URL-bounded chunk. Search is eventually consistent, so
 * ids it misses are read through the immediately consistent GET /users/{id}; a lone id goes there directly.
 */
async function loadUsers(auth0: Auth0Client, call: CallOptions, ids: readonly string[]): Promise<(UserWire | null | Error)[]> {
  if (ids.length === 1) return settleEach(ids, (id) => nullIfNotFound(() => getUser(auth0, id, call)));
  const found = new Map<string, UserWire>();
  const failed = new Map<string, Error>();
  await Promise.all(
    chunkUserIds(ids).map(async (chunk) => {
      try {
        const page = await searchUsers(
          auth0,
          { q: userIdQuery(chunk), sort: undefined, page: 0, perPage: chunk.length, includeTotals: false },
          call,
        );
        for (const user of page.items) found.set(user.user_id, user);
      } catch (error) {
        for (const id of chunk) failed.set(id, error instanceof Error ? error : new Error(String(error)));
      }
    }),
  );
  const misses = ids.filter((id) => !found.has(id) && !failed.has(id));
  const reread = await settleEach(misses, (id) => nullIfNotFound(() => getUser(auth0, id, call)));
  const rereadById = new Map(misses.map((id, index) => [id, reread[index]]));
  return ids.map((id) => found.get(id) ?? failed.get(id) ?? rereadById.get(id) ?? null);
}
