import { createPrng } from './prng.ts';
import { HEX } from './prng.ts';
import type { ClientRecord, ManagementGrant, MembershipRecord, OrganizationRecord, UserRecord } from './tenant.ts';
import type { TenantState } from './tenant-state.ts';
import { createUserIndex, type UserIndex } from './user-index.ts';

/** Fields a test may set on a user it creates; the rest get defaults. */
export type NewUser = Partial<UserRecord> & { email: string };

export interface AccountConnection {
  readonly name: string;
  readonly provider: string;
}

const DATABASE: AccountConnection = { name: 'Username-Password-Authentication', provider: 'auth0' };

/**
 * Lookups over the tenant plus the only writers of it. Writes record when they become visible to the
 * eventually consistent reads (`/users` search and org member listings).
 */
export interface TenantStore {
  readonly state: TenantState;
  userById(userId: string): UserRecord | undefined;
  organizationById(id: string): OrganizationRecord | undefined;
  organizationByName(name: string): OrganizationRecord | undefined;
  clientById(clientId: string): ClientRecord | undefined;
  grantFor(clientId: string): ManagementGrant | undefined;
  organizationIdsOf(userId: string): readonly string[];
  /** False while a recently created user is not yet in the search index. */
  isUserIndexed(userId: string, nowMs: number): boolean;
  isMemberIndexed(orgId: string, userId: string, nowMs: number): boolean;
  /** The users search can see now: the stored list itself unless a recent write is still being indexed. */
  visibleUsers(nowMs: number): readonly UserRecord[];
  /** An organization's members that listings can see now, in join order; the stored list itself when all are. */
  visibleMembers(orgId: string, nowMs: number): readonly MembershipRecord[];
  /** Lookups by id, address, organization and creation time over `state.users`, for search. */
  userIndex(): UserIndex;
  /** A user in `connection` (by default the database connection); its user id is `<provider>|<hex id>`. */
  createUser(user: NewUser, nowMs: number, visibleAtMs: number, connection?: AccountConnection): UserRecord;
  /** Whether `connection` already holds an account with this address (Auth0 compares them ignoring case). */
  accountExists(connection: string, email: string): boolean;
  addMember(orgId: string, userId: string, roleIds: readonly string[], nowMs: number, visibleAtMs: number): MembershipRecord;
  addClient(client: ClientRecord, grant: ManagementGrant): void;
  /** A successful login: `last_login`, `logins_count`, `last_ip` and `updated_at` change, as Auth0 updates them. */
  recordLogin(userId: string, ip: string, nowMs: number): UserRecord;
  /** Sets (or, for `undefined`, removes) profile fields; `updated_at` moves. */
  updateUser(userId: string, changes: Partial<UserRecord>, nowMs: number): UserRecord;
  /** Removes the user with every membership, role assignment and direct permission. */
  deleteUser(userId: string): UserRecord;
  /** Removes memberships; the users' member roles go with them. Returns the user ids that were members. */
  removeMembers(orgId: string, userIds: readonly string[]): string[];
  /** Adds a tenant role assignment unless the user holds it; true if it was added. */
  assignRole(roleId: string, userId: string, nowMs: number): boolean;
  /** True if the user held the role. */
  unassignRole(roleId: string, userId: string): boolean;
  /** Renames or rebrands an organization in place; lookups by name follow. */
  updateOrganization(orgId: string, changes: Partial<Omit<OrganizationRecord, 'id'>>): OrganizationRecord;
}

export function createTenantStore(state: TenantState): TenantStore {
  const users = new Map(state.users.map((u) => [u.user_id, u]));
  const orgs = new Map(state.organizations.map((o) => [o.id, o]));
  const orgsByName = new Map(state.organizations.map((o) => [o.name, o]));
  const clients = new Map(state.clients.map((c) => [c.client_id, c]));
  const userOrgs = new Map<string, string[]>();
  for (const org of state.organizations) {
    for (const member of state.members.get(org.id) ?? []) {
      const list = userOrgs.get(member.user_id) ?? [];
      list.push(org.id);
      userOrgs.set(member.user_id, list);
    }
  }
  const visibleAt = new Map<string, number>();
  // Latest instant a pending write becomes visible, so a tenant with none pending never filters per record.
  let usersSettleAt = 0;
  const membersSettleAt = new Map<string, number>();
  const membersOf = (orgId: string): readonly MembershipRecord[] => state.members.get(orgId) ?? [];
  let index: UserIndex | undefined;
  const memberKey = (orgId: string, userId: string): string => `${orgId}\u0000${userId}`;
  const idPrng = createPrng(0x5eed ^ state.users.length);

  return {
    state,
    userById: (id) => users.get(id),
    organizationById: (id) => orgs.get(id),
    organizationByName: (name) => orgsByName.get(name),
    clientById: (id) => clients.get(id),
    grantFor: (clientId) => state.grants.find((g) => g.client_id === clientId),
    organizationIdsOf: (userId) => userOrgs.get(userId) ?? [],
    isUserIndexed: (userId, nowMs) => usersSettleAt <= nowMs || (visibleAt.get(userId) ?? 0) <= nowMs,
    isMemberIndexed: (orgId, userId, nowMs) =>
      (membersSettleAt.get(orgId) ?? 0) <= nowMs || (visibleAt.get(memberKey(orgId, userId)) ?? 0) <= nowMs,
    visibleUsers(nowMs) {
      if (usersSettleAt <= nowMs) return state.users;
      return state.users.filter((u) => (visibleAt.get(u.user_id) ?? 0) <= nowMs);
    },
    visibleMembers(orgId, nowMs) {
      const members = membersOf(orgId);
      if ((membersSettleAt.get(orgId) ?? 0) <= nowMs) return members;
      return members.filter((m) => (visibleAt.get(memberKey(orgId, m.user_id)) ?? 0) <= nowMs);
    },
    userIndex: () => (index ??= createUserIndex(state.users, membersOf)),

    accountExists(connection, email) {
      const folded = email.toLowerCase();
      return state.users.some((u) => u.identities[0]?.connection === connection && u.email.toLowerCase() === folded);
    },

    createUser(input, nowMs, visibleAtMs, account = DATABASE) {
      const created = new Date(nowMs).toISOString();
      const local = input.email.slice(0, Math.max(input.email.indexOf('@'), 0)) || input.email;
      const id = idPrng.string(24, HEX);
      const user: UserRecord = {
        user_id: `${account.provider}|${id}`,
        email_verified: false,
        name: input.email,
        nickname: local,
        picture: `https://s.gravatar.com/avatar/${idPrng.string(32, HEX)}?s=480&r=pg`,
        created_at: created,
        updated_at: created,
        identities: [{ connection: account.name, user_id: id, provider: account.provider, isSocial: false }],
        ...input,
      };
      // Auth0 lowercases addresses only for its own database users; social and enterprise IdPs' are kept as sent.
      const connection = user.identities[0]?.connection;
      if (user.identities[0]?.provider === 'auth0') user.email = user.email.toLowerCase();
      if (users.has(user.user_id)) throw new Error(`user ${user.user_id} already exists`);
      // One address per connection; the same address through another connection is another account.
      if (connection !== undefined && this.accountExists(connection, user.email)) {
        throw new Error('a user with that email already exists in that connection');
      }
      state.users.push(user);
      users.set(user.user_id, user);
      visibleAt.set(user.user_id, visibleAtMs);
      usersSettleAt = Math.max(usersSettleAt, visibleAtMs);
      index = undefined;
      return user;
    },

    addMember(orgId, userId, roleIds, nowMs, visibleAtMs) {
      const list = state.members.get(orgId);
      if (list === undefined) throw new Error(`no organization ${orgId}`);
      if (!users.has(userId)) throw new Error(`no user ${userId}`);
      if (list.some((m) => m.user_id === userId)) throw new Error(`${userId} is already a member of ${orgId}`);
      const membership: MembershipRecord = { user_id: userId, role_ids: [...roleIds], created_at: new Date(nowMs).toISOString() };
      list.push(membership);
      const memberOf = userOrgs.get(userId) ?? [];
      memberOf.push(orgId);
      userOrgs.set(userId, memberOf);
      visibleAt.set(memberKey(orgId, userId), visibleAtMs);
      membersSettleAt.set(orgId, Math.max(membersSettleAt.get(orgId) ?? 0, visibleAtMs));
      return membership;
    },

    addClient(client, grant) {
      state.clients.push(client);
      clients.set(client.client_id, client);
      state.grants.push(grant);
    },

    updateUser(userId, changes, nowMs) {
      const user = users.get(userId);
      if (user === undefined) throw new Error(`no user ${userId}`);
      const record = user as Record<string, unknown>;
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) delete record[key];
        else record[key] = value;
      }
      user.updated_at = new Date(nowMs).toISOString();
      index = undefined;
      return user;
    },

    deleteUser(userId) {
      const user = users.get(userId);
      if (user === undefined) throw new Error(`no user ${userId}`);
      // Lists are replaced, never spliced: checkpoint positions are cached per list on the rule that a stored list
      // only grows at its end.
      state.users = state.users.filter((u) => u.user_id !== userId);
      users.delete(userId);
      visibleAt.delete(userId);
      for (const orgId of [...(userOrgs.get(userId) ?? [])]) this.removeMembers(orgId, [userId]);
      userOrgs.delete(userId);
      for (const [roleId, assigned] of state.roleUsers) {
        if (assigned.some((a) => a.user_id === userId)) state.roleUsers.set(roleId, assigned.filter((a) => a.user_id !== userId));
      }
      state.userPermissions.delete(userId);
      index = undefined;
      return user;
    },

    removeMembers(orgId, userIds) {
      const list = state.members.get(orgId);
      if (list === undefined) throw new Error(`no organization ${orgId}`);
      const leaving = new Set(userIds.filter((id) => list.some((m) => m.user_id === id)));
      if (leaving.size === 0) return [];
      state.members.set(orgId, list.filter((m) => !leaving.has(m.user_id)));
      for (const userId of leaving) {
        userOrgs.set(userId, (userOrgs.get(userId) ?? []).filter((id) => id !== orgId));
        visibleAt.delete(memberKey(orgId, userId));
      }
      return [...leaving];
    },

    assignRole(roleId, userId, nowMs) {
      const assigned = state.roleUsers.get(roleId) ?? [];
      if (assigned.some((a) => a.user_id === userId)) return false;
      assigned.push({ user_id: userId, created_at: new Date(nowMs).toISOString() });
      state.roleUsers.set(roleId, assigned);
      return true;
    },

    unassignRole(roleId, userId) {
      const assigned = state.roleUsers.get(roleId) ?? [];
      if (!assigned.some((a) => a.user_id === userId)) return false;
      state.roleUsers.set(roleId, assigned.filter((a) => a.user_id !== userId));
      return true;
    },

    updateOrganization(orgId, changes) {
      const org = orgs.get(orgId);
      if (org === undefined) throw new Error(`no organization ${orgId}`);
      orgsByName.delete(org.name);
      const record = org as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) delete record[key];
        else record[key] = value;
      }
      orgsByName.set(org.name, org);
      return org;
    },

    recordLogin(userId, ip, nowMs) {
      const user = users.get(userId);
      if (user === undefined) throw new Error(`no user ${userId}`);
      const at = new Date(nowMs).toISOString();
      user.last_login = at;
      user.updated_at = at;
      user.last_ip = ip;
      user.logins_count = (user.logins_count ?? 0) + 1;
      return user;
    },
  };
}
