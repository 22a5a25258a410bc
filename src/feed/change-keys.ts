import { EVERYTHING, familyKey, listingKey, recordKey } from '../cache/invalidation.ts';
import type { Invalidation, ResourceKey } from '../cache/invalidation.ts';
import { sapiRequestSchema } from './wire.ts';
import type { CloudEvent, LogEntry } from './wire.ts';

/**
 * What one change touches, as resource keys (cache/invalidation.ts), from a tenant log entry or an Event
 * Streams CloudEvent (docs/auth0-api.md#how-a-tenant-reports-changes). Pure. Where Auth0's format is not confirmed or a change
 * cannot be placed, the whole family goes (`User:*`), and what cannot be read at all is `*`.
 */

const USER = (id: string | undefined): ResourceKey[] => (id === undefined ? [familyKey('User')] : [recordKey('User', id)]);
const withOrganization = (keys: ResourceKey[], organizationId: string | undefined): ResourceKey[] =>
  organizationId === undefined ? keys : [...keys, recordKey('Organization', organizationId)];

/**
 * Log types after which a user reads differently, whether its searches may too (a new email, a new user), and
 * whether the tenant's login and signup statistics do.
 */
const USER_CHANGES: Readonly<Record<string, { readonly listings: boolean; readonly stats?: true }>> = {
  s: { listings: false, stats: true }, // last_login, logins_count, a profile synced from the identity provider
  ss: { listings: true, stats: true }, // signup: a new user
  sdu: { listings: true, stats: true }, // user deleted
  du: { listings: true, stats: true },
  scp: { listings: false }, // password changed
  sce: { listings: true }, // email changed
  scu: { listings: true }, // username changed
  scpn: { listings: true }, // phone changed
  sv: { listings: false }, // email verified
  limit_wc: { listings: false }, // account blocked
};

/**
 * Types that change nothing the graph shows: token exchanges, logouts, silent authentication, our own reads,
 * rate-limit notices, deprecation notes. Failures (`f…`) change nothing either.
 */
const NO_CHANGE = new Set([
  'mgmt_api_read', 'api_limit', 'api_limit_warning', 'depnote', 'seccft', 'seacft', 'sepft', 'sertft', 'seoobft',
  'seotpft', 'sercft', 'sede', 'slo', 'ssa', 'scoa', 'sd', 'sens', 'cls', 'cs', 'w', 'gd_send_sms', 'gd_send_voice',
  'gd_send_email', 'gd_send_pn', 'gd_start_enroll', 'gd_auth_succeed', 'gd_tenant_update', 'cdc', 'sys_os_update_start',
  'sys_os_update_end', 'sys_update_start', 'sys_update_end', 'admin_update_launch', 'pwd_leak', 'pla', 'ublkdu',
]);

export function keysOfLogEntry(entry: LogEntry): Invalidation {
  const { type, userId, organizationId } = entry;
  if (type === 'sapi') return { keys: keysOfSapi(entry.details), cause: 'sapi' };
  const userChange = USER_CHANGES[type];
  if (userChange !== undefined) {
    const keys = USER(userId);
    if (userChange.listings) keys.push(listingKey('User'));
    if (userChange.stats === true) keys.push(listingKey('Stats'));
    // A login through an organization may make its user a member (membership on login).
    return { keys: withOrganization(keys, organizationId), cause: type };
  }
  if (NO_CHANGE.has(type) || type.startsWith('f')) return { keys: [], cause: type };
  // A type this table does not know: assume it changed the user it names.
  return { keys: userId === undefined ? [] : withOrganization(USER(userId), organizationId), cause: 'other' };
}

/** A log type as a metrics label: the types the tables name, else `failure` or `other`, so wire data cannot grow the series. */
export function kindLabel(type: string): string {
  if (type === 'sapi' || USER_CHANGES[type] !== undefined || NO_CHANGE.has(type)) return type;
  return type.startsWith('f') ? 'failure' : 'other';
}

/** Collections of tenant configuration the graph never reads: their writes touch nothing. */
const UNREAD = new Set([
  'tickets', 'email-templates', 'emails', 'branding', 'prompts', 'tenants', 'guardian', 'attack-protection', 'log-streams',
  'custom-domains', 'keys', 'hooks', 'rules', 'rules-configs', 'actions', 'anomaly', 'blacklists', 'device-credentials',
  'grants', 'self-service-profiles', 'event-streams', 'token-exchange-profiles', 'refresh-tokens', 'sessions', 'forms',
  'flows', 'network-acls', 'user-blocks', 'user-attribute-profiles', 'verifiable-credentials',
]);

/** A Management API write, from `details.request` (method and path under /api/v2). */
export function keysOfSapi(details: unknown): ResourceKey[] {
  const parsed = sapiRequestSchema.safeParse(details);
  if (!parsed.success) return [EVERYTHING];
  const { method: rawMethod, path: rawPath, body } = parsed.data.request;
  const method = rawMethod.toUpperCase();
  const path = rawPath.split('?')[0]?.replace(/^\/api\/v2(?=\/)/, '') ?? '';
  const segments = path.split('/').filter((segment) => segment !== '').map(decode);
  if (segments.some((segment) => segment === undefined)) return [EVERYTHING];
  const [collection, id, sub, subId] = segments as string[];
  const idsInBody = (field: string): string[] | undefined => stringsIn(body, field);
  switch (collection) {
    case 'users': {
      if (id === undefined) return [listingKey('User')];
      if (sub === undefined) return [recordKey('User', id), listingKey('User')];
      if (sub === 'roles') return [recordKey('User', id), ...recordsOr('Role', idsInBody('roles'))];
      return [recordKey('User', id)];
    }
    case 'organizations': {
      if (id === undefined) return [listingKey('Organization')];
      const organization = recordKey('Organization', id);
      if (sub === undefined) return [organization, listingKey('Organization')];
      if (sub === 'members' && subId !== undefined) return [organization, recordKey('User', subId)];
      if (sub === 'members') return [organization, ...recordsOr('User', idsInBody('members'))];
      return [organization];
    }
    case 'roles': {
      if (id === undefined) return [listingKey('Role')];
      const role = recordKey('Role', id);
      if (sub === 'users') return [role, ...recordsOr('User', idsInBody('users'))];
      // A role's name shows in every user's and member's roles; its permissions in every holder's permissions.
      if (sub === undefined) return [role, listingKey('Role'), familyKey('User')];
      return [role, familyKey('User')];
    }
    case 'resource-servers':
      return [familyKey('Role'), familyKey('User')];
    case 'clients':
      return id === undefined ? [listingKey('Client')] : [recordKey('Client', id), listingKey('Client')];
    case 'client-grants':
      return [familyKey('Client')];
    case 'connections': {
      // A connection shows in organizations' enabled connections; deleting one deletes its users.
      const keys = [familyKey('Connection'), familyKey('Organization')];
      return method === 'DELETE' ? [...keys, familyKey('User')] : keys;
    }
    case 'jobs':
      return id === 'users-imports' ? [familyKey('User')] : [];
    default:
      return collection !== undefined && UNREAD.has(collection) ? [] : [EVERYTHING];
  }
}

/** What an Event Streams event touches; `com.auth0.` types are the same events (docs/auth0-api.md#how-a-tenant-reports-changes). */
export function keysOfEvent(event: CloudEvent): Invalidation {
  const type = event.type.replace(/^com\.auth0\./, '');
  const object = event.data?.object;
  const userId = stringAt(object, ['user_id']) ?? stringAt(object, ['user', 'user_id']);
  const organizationId = stringAt(object, ['organization', 'id']) ?? stringAt(object, ['organization_id']);
  const organization = organizationId === undefined ? familyKey('Organization') : recordKey('Organization', organizationId);
  const keys = ((): ResourceKey[] => {
    if (type === 'user.created' || type === 'user.deleted') return [...USER(userId), listingKey('User'), listingKey('Stats')];
    if (type === 'user.updated') return [...USER(userId), listingKey('User')];
    if (type === 'organization.created' || type === 'organization.updated' || type === 'organization.deleted') {
      const id = stringAt(object, ['id']);
      return [id === undefined ? familyKey('Organization') : recordKey('Organization', id), listingKey('Organization')];
    }
    if (type.startsWith('organization.member.')) return [organization, ...USER(userId)];
    if (type.startsWith('organization.connection.')) return [organization];
    if (type.startsWith('connection.')) {
      const keys = [familyKey('Connection'), familyKey('Organization')];
      return type === 'connection.deleted' ? [...keys, familyKey('User')] : keys;
    }
    if (type.startsWith('group.')) return [];
    return [EVERYTHING];
  })();
  return { keys, cause: 'event' };
}

function recordsOr(type: 'User' | 'Role', ids: readonly string[] | undefined): ResourceKey[] {
  return ids === undefined || ids.length === 0 ? [familyKey(type)] : ids.map((id) => recordKey(type, id));
}

/** `body[field]` as a list of strings (`{"members": ["auth0|1"]}`), or undefined when it is not one. */
function stringsIn(body: unknown, field: string): string[] | undefined {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  if (!Array.isArray(value)) return undefined;
  const strings = value.filter((item): item is string => typeof item === 'string');
  return strings.length === value.length ? strings : undefined;
}

function stringAt(value: unknown, path: readonly string[]): string | undefined {
  let node = value;
  for (const name of path) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[name] : undefined;
  return typeof node === 'string' && node !== '' ? node : undefined;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
