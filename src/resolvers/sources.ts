import type { ClientWire } from '../auth0/endpoints/clients.ts';
import type { ConnectionWire } from '../auth0/endpoints/connections.ts';
import type { MemberWire, OrganizationWire } from '../auth0/endpoints/organizations.ts';
import type { RoleWire } from '../auth0/endpoints/roles.ts';
import type { UserWire } from '../auth0/endpoints/users.ts';

/**
 * Backing models of the graph's types. A source may be partial: a member or role user knows only a user's
 * id, email, name and picture, a member's role only its id and name. Fields beyond what a source knows are
 * loaded through the request's DataLoaders, so the profile costs nothing unless such a field is selected.
 */
export interface UserSource {
  readonly userId: string;
  readonly wire: UserWire;
  readonly complete: boolean;
}

/** What a partial user source (member, role user) always knows, absent values included. */
export const PARTIAL_USER_FIELDS: ReadonlySet<keyof UserWire> = new Set(['user_id', 'email', 'name', 'picture']);

/** What a partial role source (a member's role) always knows. */
export const PARTIAL_ROLE_FIELDS: ReadonlySet<keyof RoleWire> = new Set(['id', 'name']);

export interface OrganizationSource {
  readonly organizationId: string;
  /** Undefined until a field needs it: `organization(organizationId:) { members }` never fetches the org. */
  readonly wire: OrganizationWire | undefined;
}

export interface RoleSource {
  readonly roleId: string;
  readonly wire: RoleWire;
  readonly complete: boolean;
}

export interface IdentityConnectionSource {
  readonly connectionId: string;
  readonly wire: ConnectionWire | undefined;
  /** Name and strategy as an organization's enabled connection lists them. */
  readonly known: { readonly name?: string | null; readonly strategy?: string | null };
}

export interface MemberSource {
  readonly organizationId: string;
  readonly wire: MemberWire;
  /** The page was asked for `roles`, so a member without them has none (not: they were not read). */
  readonly rolesListed: boolean;
  /** The member's full profile, when the selection needed it and the page's batch found it. */
  readonly profile?: UserWire | undefined;
}

export type ClientSource = ClientWire;

export function completeUser(wire: UserWire): UserSource {
  return { userId: wire.user_id, wire, complete: true };
}

/** A user known from a listing that carries only the four member fields. */
export function partialUser(listed: {
  readonly user_id: string;
  readonly email?: string | null;
  readonly name?: string | null;
  readonly picture?: string | null;
}): UserSource {
  const wire: UserWire = { user_id: listed.user_id };
  if (listed.email !== null && listed.email !== undefined) wire.email = listed.email;
  if (listed.name !== null && listed.name !== undefined) wire.name = listed.name;
  if (listed.picture !== null && listed.picture !== undefined) wire.picture = listed.picture;
  return { userId: listed.user_id, wire, complete: false };
}

export function completeRole(wire: RoleWire): RoleSource {
  return { roleId: wire.id, wire, complete: true };
}

export function organizationOf(wire: OrganizationWire): OrganizationSource {
  return { organizationId: wire.id, wire };
}

export function identityConnectionOf(wire: ConnectionWire): IdentityConnectionSource {
  return { connectionId: wire.id, wire, known: {} };
}
