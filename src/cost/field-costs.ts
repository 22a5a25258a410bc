/**
 * What each field of the graph costs upstream, per instance of its parent, as the resolvers in
 * src/resolvers/ spend it. Kept next to nothing GraphQL-executing on purpose: `estimate-cost.ts` walks a
 * document and asks this table, so a resolver change that moves calls must be mirrored here (the
 * canonical-query test in test/integration/security-cost.test.ts fails when they drift apart).
 */

import { estimatedPageSize, pagesSpanned } from '../resolvers/page-rules.ts';

/**
 * How a parent object was obtained, which decides whether reading more of it costs a call:
 * `full` came with its record; `partial` knows a few fields (member, role user, member role) and loads
 * the rest per instance; `shared` is one record for every instance of its list (a member's organization).
 */
export type SourceKind = 'full' | 'partial' | 'shared';

export interface FieldArgs {
  readonly first?: unknown;
  readonly after?: unknown;
  readonly [name: string]: unknown;
}

/** What a field costs for each instance of its parent, and what its children are. */
export interface FieldCost {
  /** Calls per parent instance. */
  readonly calls: number;
  /** A Relay connection: its nodes multiply by this page size, each page fetched for one parent. */
  readonly pageSize?: number;
  /** A plain list: assumed length, for what its items cost below. */
  readonly listLength?: number;
  /** How the child objects are sourced. */
  readonly source?: SourceKind;
  /** Root lookups by id that DataLoader batches into user searches; costed together after the walk. */
  readonly pooledIds?: readonly string[];
}

/** Auth0 returns every user with an email; a handful in practice, bounded here for what lies below them. */
export const USERS_PER_EMAIL = 10;
/** A member's roles in one organization; what lies below them is bounded with this length. */
export const ROLES_PER_MEMBER = 10;
/**
 * Ids per user search for ids that came from Auth0 listings: 100 at most (Auth0's page size), fewer when
 * long ids fill the URL budget first (src/resolvers/user-batch.ts); 50 covers ids up to ~100 encoded chars.
 */
export const LISTED_IDS_PER_SEARCH = 50;

/** Fields a parent of each partial kind answers without loading its record (the rest costs a load). */
export const FREE_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  User: new Set(['__typename', 'id', 'userId', 'email', 'name', 'picture', 'organizations', 'roles', 'permissions']),
  Organization: new Set(['__typename', 'id', 'organizationId', 'memberCount', 'members', 'enabledConnections', 'invitations']),
  Role: new Set(['__typename', 'id', 'roleId', 'name', 'permissions', 'users']),
  // An enabled connection usually names its connection's name and strategy, but when it does not they load.
  IdentityConnection: new Set(['__typename', 'id', 'connectionId']),
};

type Rule = (args: FieldArgs, selected: ReadonlySet<string>) => FieldCost;

const offsetList =
  (source: SourceKind): Rule =>
  (args) => ({ calls: pagesSpanned(args.after), pageSize: estimatedPageSize(args.first), source });

/** Checkpoint lists count `totalCount` with one more call (organizations, members' seat count, role users). */
const checkpointList =
  (source: SourceKind): Rule =>
  (args, selected) => ({ calls: pagesSpanned(args.after) + (selected.has('totalCount') ? 1 : 0), pageSize: estimatedPageSize(args.first), source });

const one: Rule = () => ({ calls: 1, source: 'full' });

export function needsRecord(type: string, selected: ReadonlySet<string>): boolean {
  const free = FREE_FIELDS[type];
  return free !== undefined && [...selected].some((field) => !free.has(field));
}

export const FIELD_COSTS: Readonly<Record<string, Rule>> = {
  'Query.user': (args) => ({ calls: 0, source: 'full', pooledIds: [String(args['userId'])] }),
  'Query.node': (args) => ({ calls: 0, source: 'full', pooledIds: [String(args['id'])] }),
  'Query._entities': (args) => {
    const representations = Array.isArray(args['representations']) ? args['representations'] : [];
    return { calls: 0, source: 'full', listLength: 1, pooledIds: representations.map((r) => JSON.stringify(r)) };
  },
  'Query.usersByEmail': () => ({ calls: 1, listLength: USERS_PER_EMAIL, source: 'full' }),
  'Query.users': offsetList('full'),
  'Query.client': one,
  'Query.clients': offsetList('full'),
  'Query.organization': (args, selected) => ({
    calls: typeof args['name'] === 'string' || needsRecord('Organization', selected) ? 1 : 0,
    source: 'full',
  }),
  'Query.organizations': checkpointList('full'),
  'Query.role': one,
  'Query.roles': offsetList('full'),
  'Query.identityConnection': one,
  'Query.identityConnections': offsetList('full'),
  'TenantStats.activeUsers': one,
  'TenantStats.daily': one,
  'User.organizations': offsetList('full'),
  'User.roles': offsetList('full'),
  'User.permissions': offsetList('full'),
  'Organization.memberCount': one,
  'Organization.members': checkpointList('partial'),
  'Organization.enabledConnections': offsetList('partial'),
  'Organization.invitations': offsetList('full'),
  // Roles arrive on the members page whenever they are selected (src/resolvers/organizations.ts).
  'OrganizationMember.roles': () => ({ calls: 0, listLength: ROLES_PER_MEMBER, source: 'partial' }),
  'OrganizationMember.user': () => ({ calls: 0, source: 'partial' }),
  'OrganizationMember.organization': () => ({ calls: 0, source: 'shared' }),
  'OrganizationEnabledConnection.connection': () => ({ calls: 0, source: 'partial' }),
  'Role.permissions': offsetList('full'),
  'Role.users': checkpointList('partial'),
};
