/** What the search context knows beyond the stored user. */
export interface SearchContext {
  /** Organizations the user is a member of, for `organization_id:`. */
  readonly organizationIds: readonly string[];
}

export type StoredUser = Readonly<Record<string, unknown>>;

/**
 * How a field's values compare: `text` exactly, `folded` ignoring case (Auth0's normalized name and email
 * fields), `number`/`date`/`boolean` by value, `dynamic` by each metadata value's own JSON type.
 */
export type FieldKind = 'text' | 'folded' | 'number' | 'date' | 'boolean' | 'dynamic';

export interface FieldAccessor {
  readonly kind: FieldKind;
  /** Set for `app_metadata.*`/`user_metadata.*`, which have their own restrictions. */
  readonly metadata: 'app_metadata' | 'user_metadata' | null;
  /** The indexed scalar values; an absent or un-indexed field gives none. */
  readonly values: (user: StoredUser, ctx: SearchContext) => readonly unknown[];
}

const NONE: readonly unknown[] = [];

const isIndexedScalar = (value: unknown): boolean =>
  typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

function topLevel(kind: FieldKind, key: string): FieldAccessor {
  return {
    kind,
    metadata: null,
    values: (user) => {
      const value = user[key];
      return isIndexedScalar(value) ? [value] : NONE;
    },
  };
}

function identityField(key: string): FieldAccessor {
  return {
    kind: 'text',
    metadata: null,
    values: (user) => {
      const identities = user.identities;
      if (!Array.isArray(identities)) return NONE;
      const out: unknown[] = [];
      for (const identity of identities) {
        if (typeof identity !== 'object' || identity === null) continue;
        const value: unknown = (identity as Record<string, unknown>)[key];
        if (isIndexedScalar(value)) out.push(typeof value === 'number' ? String(value) : value);
      }
      return out;
    },
  };
}

const emailDomain: FieldAccessor = {
  kind: 'folded',
  metadata: null,
  values: (user) => {
    const email = user.email;
    if (typeof email !== 'string') return NONE;
    const at = email.lastIndexOf('@');
    return at < 0 ? NONE : [email.slice(at + 1)];
  },
};

const organizationId: FieldAccessor = { kind: 'text', metadata: null, values: (_user, ctx) => ctx.organizationIds };

/** Searchable profile fields (docs/auth0-api.md#user-search). */
const PROFILE_FIELDS: ReadonlyMap<string, FieldAccessor> = new Map<string, FieldAccessor>([
  ['user_id', topLevel('text', 'user_id')],
  ['email', topLevel('folded', 'email')],
  ['email.domain', emailDomain],
  ['email_verified', topLevel('boolean', 'email_verified')],
  ['username', topLevel('text', 'username')],
  ['name', topLevel('folded', 'name')],
  ['given_name', topLevel('folded', 'given_name')],
  ['family_name', topLevel('folded', 'family_name')],
  ['nickname', topLevel('folded', 'nickname')],
  ['phone_number', topLevel('text', 'phone_number')],
  ['phone_verified', topLevel('boolean', 'phone_verified')],
  ['logins_count', topLevel('number', 'logins_count')],
  ['created_at', topLevel('date', 'created_at')],
  ['updated_at', topLevel('date', 'updated_at')],
  ['last_login', topLevel('date', 'last_login')],
  ['last_ip', topLevel('text', 'last_ip')],
  ['blocked', topLevel('boolean', 'blocked')],
  ['identities.connection', identityField('connection')],
  ['identities.provider', identityField('provider')],
  ['identities.user_id', identityField('user_id')],
  ['identities.isSocial', { ...identityField('isSocial'), kind: 'boolean' }],
  ['organization_id', organizationId],
]);

/** Fields a term without a field name is looked up in: profile text, never metadata. */
export const BARE_TERM_FIELDS: readonly FieldAccessor[] = [
  'user_id', 'email', 'username', 'name', 'given_name', 'family_name', 'nickname', 'phone_number',
  'identities.connection', 'identities.provider', 'identities.user_id',
].map((name) => PROFILE_FIELDS.get(name)).filter((field): field is FieldAccessor => field !== undefined);

/**
 * The accessor for a field name, or undefined for a field Auth0 does not index (which matches nothing).
 * `deep` collects every value under an object, for `_exists_:app_metadata.address`.
 */
export function resolveField(name: string, deep = false): FieldAccessor | undefined {
  const profile = PROFILE_FIELDS.get(name);
  if (profile !== undefined) return profile;
  const root = name.split('.', 1)[0];
  if (root !== 'app_metadata' && root !== 'user_metadata') return undefined;
  const path = name === root ? [] : name.slice(root.length + 1).split('.');
  if (path.some((segment) => segment === '')) return undefined;
  const keys = keysByStart(path);
  return {
    kind: 'dynamic',
    metadata: root,
    values: (user) => {
      const out: unknown[] = [];
      collect(user[root], keys, 0, deep, out);
      return out;
    },
  };
}

/** Is this a profile field (not metadata)? Sorting allows only these. */
export function isProfileField(name: string): boolean {
  return PROFILE_FIELDS.has(name) && name !== 'organization_id';
}

type KeyStep = readonly [key: string, nextSegment: number];

/**
 * For each path position, the object keys that may continue the path: `a.b.c` can be stored as nested
 * objects or under a key that itself contains dots, and Elasticsearch flattens both to the same field.
 */
function keysByStart(path: readonly string[]): readonly (readonly KeyStep[])[] {
  return path.map((_, start) =>
    path.slice(start).map((_segment, length): KeyStep => [path.slice(start, start + length + 1).join('.'), start + length + 1]),
  );
}

function collect(value: unknown, keys: readonly (readonly KeyStep[])[], at: number, deep: boolean, out: unknown[]): void {
  if (Array.isArray(value)) {
    // Arrays are skipped in the path: `addresses.city` reaches into every element.
    for (const element of value) collect(element, keys, at, deep, out);
    return;
  }
  const steps = keys[at];
  if (steps === undefined) {
    if (isIndexedScalar(value)) out.push(value);
    else if (deep && typeof value === 'object' && value !== null) {
      for (const child of Object.values(value)) collect(child, keys, at, deep, out);
    }
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  for (const [key, nextAt] of steps) {
    if (Object.hasOwn(record, key)) collect(record[key], keys, nextAt, deep, out);
  }
}
