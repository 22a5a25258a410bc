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
import type { UserField, UserWire } from '../auth0/endpoints/users.ts';
import { nullIfNotFound } from './errors.ts';
import { profileFieldsOf } from './profile-fields.ts';
import type { OperationInfo } from './profile-fields.ts';
import { MAX_IDS_PER_SEARCH, chunkUserIds, userIdQuery } from './user-batch.ts';

/** Per-request loaders: created with the context, so their memo never outlives one request or crosses callers. */
export interface Loaders {
  /**
   * Users by id, read with the profile fields the request's operation selects anywhere: a request runs one
   * operation, so every path that reads profiles shares one loader, one batch and one field list.
   */
  userById(operation: OperationInfo): DataLoader<string, UserWire | null>;
  readonly organizationById: DataLoader<string, OrganizationWire | null>;
  readonly roleById: DataLoader<string, RoleWire | null>;
  readonly clientById: DataLoader<string, ClientWire | null>;
  readonly connectionById: DataLoader<string, ConnectionWire | null>;
  /** Seats per organization: one counted members call each. */
  readonly memberCount: DataLoader<string, number>;
}

export function createLoaders(auth0: Auth0Client, call: CallOptions): Loaders {
  return new LazyLoaders(auth0, call);
}

/**
 * Each loader is made on first use (getters on the prototype, so making the set costs one small object): a
 * request answered from the response cache, or reading one type, makes few.
 */
class LazyLoaders implements Loaders {
  #userById: DataLoader<string, UserWire | null> | undefined;
  #organizationById: Loaders['organizationById'] | undefined;
  #roleById: Loaders['roleById'] | undefined;
  #clientById: Loaders['clientById'] | undefined;
  #connectionById: Loaders['connectionById'] | undefined;
  #memberCount: Loaders['memberCount'] | undefined;

  constructor(
    private readonly auth0: Auth0Client,
    private readonly call: CallOptions,
  ) {}

  userById(operation: OperationInfo): DataLoader<string, UserWire | null> {
    return (this.#userById ??= new DataLoader((ids) => loadUsers(this.auth0, this.call, profileFieldsOf(operation), ids), {
      maxBatchSize: MAX_IDS_PER_SEARCH * 4,
    }));
  }
  get organizationById(): Loaders['organizationById'] {
    return (this.#organizationById ??= this.one(getOrganization));
  }
  get roleById(): Loaders['roleById'] {
    return (this.#roleById ??= this.one(getRole));
  }
  get clientById(): Loaders['clientById'] {
    return (this.#clientById ??= this.one(getClient));
  }
  get connectionById(): Loaders['connectionById'] {
    return (this.#connectionById ??= this.one(getConnection));
  }
  get memberCount(): Loaders['memberCount'] {
    // One call per organization whatever the batch, so none waits for the others: a streamed seats list shows
    // each row as its own count arrives, not as the page's slowest (behind the rate limit) does.
    return (this.#memberCount ??= new DataLoader((ids) => settleEach(ids, (id) => countMembers(this.auth0, id, this.call)), { batch: false }));
  }

  private one<W>(get: (client: Auth0Client, id: string, options: CallOptions) => Promise<W>): DataLoader<string, W | null> {
    return new DataLoader<string, W | null>((ids) => settleEach(ids, (id) => nullIfNotFound(() => get(this.auth0, id, this.call))));
  }
}

/** DataLoader's contract: one slot per key, an Error in the slot of a key that failed. */
function settleEach<V>(ids: readonly string[], load: (id: string) => Promise<V>): Promise<(V | Error)[]> {
  return Promise.all(ids.map((id) => load(id).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
}

/**
 * Users by id: one search `user_id:("a" OR "b" …)` per URL-bounded chunk. Search is eventually consistent, so
 * ids it misses are read through the immediately consistent GET /users/{id}; a lone id goes there directly.
 */
async function loadUsers(
  auth0: Auth0Client,
  call: CallOptions,
  fields: readonly UserField[],
  ids: readonly string[],
): Promise<(UserWire | null | Error)[]> {
  if (ids.length === 1) return settleEach(ids, (id) => nullIfNotFound(() => getUser(auth0, id, fields, call)));
  const found = new Map<string, UserWire>();
  const failed = new Map<string, Error>();
  await Promise.all(
    chunkUserIds(ids).map(async (chunk) => {
      try {
        const page = await searchUsers(
          auth0,
          { q: userIdQuery(chunk), sort: undefined, page: 0, perPage: chunk.length, includeTotals: false, fields },
          call,
        );
        for (const user of page.items) found.set(user.user_id, user);
      } catch (error) {
        for (const id of chunk) failed.set(id, error instanceof Error ? error : new Error(String(error)));
      }
    }),
  );
  const misses = ids.filter((id) => !found.has(id) && !failed.has(id));
  const reread = await settleEach(misses, (id) => nullIfNotFound(() => getUser(auth0, id, fields, call)));
  const rereadById = new Map(misses.map((id, index) => [id, reread[index]]));
  return ids.map((id) => found.get(id) ?? failed.get(id) ?? rereadById.get(id) ?? null);
}
