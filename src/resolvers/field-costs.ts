/**
 * What a field costs upstream, per instance of its parent, as the resolvers in this folder spend it. A field
 * names its rule in its own declaration (field-declaration.ts); `src/cost/estimate-cost.ts` walks a document
 * and applies the rules it finds on the schema, so a resolver change that moves calls must change its rule
 * here (the canonical-query test in test/integration/security-cost.test.ts fails when they drift apart).
 */
import { estimatedPageSize, pagesSpanned } from './page-rules.ts';

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

/** What the estimate knows of a field's own selection when it applies the field's rule. */
export interface CostSelection {
  /** Names of the fields selected on the field's type, through fragments. */
  readonly fields: ReadonlySet<string>;
  /** Whether they read more than a partial source of that type holds (field-declaration.ts#needsRecord). */
  readonly needsRecord: boolean;
  /** Whether the field's `edges` are streamed (`@stream`), which lets `first` reach 1,000 (page-rules.ts). */
  readonly streamed: boolean;
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

export type CostRule = (args: FieldArgs, selection: CostSelection) => FieldCost;

/** Auth0 returns every user with an email; a handful in practice, bounded here for what lies below them. */
export const USERS_PER_EMAIL = 10;
/** A member's roles in one organization; what lies below them is bounded with this length. */
export const ROLES_PER_MEMBER = 10;
/**
 * Ids per user search for ids that came from Auth0 listings: 100 at most (Auth0's page size), fewer when
 * long ids fill the URL budget first (src/resolvers/user-batch.ts); 50 covers ids up to ~100 encoded chars.
 */
export const LISTED_IDS_PER_SEARCH = 50;

/** An offset-paged list: a page per 100 records, one more when a cursor starts the window mid-page. */
export const offsetList =
  (source: SourceKind): CostRule =>
  (args, selection) => {
    const size = estimatedPageSize(args.first, selection.streamed);
    return { calls: pagesSpanned(args.after, size), pageSize: size, source };
  };

/** Checkpoint lists count `totalCount` with one more call (organizations, members' seat count, role users). */
export const checkpointList =
  (source: SourceKind): CostRule =>
  (args, selection) => {
    const size = estimatedPageSize(args.first, selection.streamed);
    return { calls: pagesSpanned(args.after, size) + (selection.fields.has('totalCount') ? 1 : 0), pageSize: size, source };
  };

/** One call of its own, answered with whole records. */
export const oneCall: CostRule = () => ({ calls: 1, source: 'full' });

/** No call of its own; what lies below is sourced as `source` says. */
export const noCall =
  (source: SourceKind): CostRule =>
  () => ({ calls: 0, source });

/** A lookup by the id in `arg`, batched with the request's other lookups (user-batch.ts). */
export const pooledLookup =
  (arg: string): CostRule =>
  (args) => ({ calls: 0, source: 'full', pooledIds: [String(args[arg])] });

/** Federation's `_entities`: each representation a lookup, batched like `user(userId:)`. */
export const entityLookups: CostRule = (args) => {
  const representations = Array.isArray(args['representations']) ? args['representations'] : [];
  return { calls: 0, source: 'full', listLength: 1, pooledIds: representations.map((r) => JSON.stringify(r)) };
};

/** `/users-by-email` in lowercase and a case-insensitive search, together (users.ts). */
export const usersByEmailCost: CostRule = () => ({ calls: 2, listLength: USERS_PER_EMAIL, source: 'full' });

/** By name the organization is always read; by id only when a selected field needs its record (organizations.ts). */
export const organizationLookupCost: CostRule = (args, selection) => ({
  calls: typeof args['name'] === 'string' || selection.needsRecord ? 1 : 0,
  source: 'full',
});

/** Roles arrive on the members page whenever they are selected (organizations.ts). */
export const memberRolesCost: CostRule = () => ({ calls: 0, listLength: ROLES_PER_MEMBER, source: 'partial' });
