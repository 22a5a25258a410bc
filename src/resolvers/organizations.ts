import {
  countOrganizations, getOrganizationByName, listEnabledConnections, listInvitations, listMembers, listOrganizations, MEMBER_FIELDS,
} from '../auth0/endpoints/organizations.ts';
import type { EnabledConnectionWire, InvitationWire, OrganizationWire } from '../auth0/endpoints/organizations.ts';
import type { Context } from './context.ts';
import { checkpointConnection } from './checkpoint-paging.ts';
import type { Connection } from './connection.ts';
import { badUserInput, notFound, nullIfNotFound } from './errors.ts';
import { listedProfiles } from './listed-profiles.ts';
import type { OperationInfo } from './profile-fields.ts';
import { offsetConnection } from './offset-paging.ts';
import type { OffsetConnectionArgs } from './offset-paging.ts';
import { needsRecord } from './field-declaration.ts';
import { planConnection, selectedFields } from './planner.ts';
import type { SelectionInfo } from './planner.ts';
import { recordReads } from './record-reads.ts';
import { organizationOf } from './sources.ts';
import type { MemberSource, OrganizationSource } from './sources.ts';

/**
 * `organization(organizationId:)` or `(name:)`. By id, the organization is read only when a field needs its
 * record: a roster query costs the members page alone. By name it is read, since the id is needed.
 */
export async function organizationLookup(
  ctx: Context,
  args: { readonly organizationId?: string | null; readonly name?: string | null },
  info: SelectionInfo & OperationInfo,
): Promise<OrganizationSource | null> {
  const byId = args.organizationId ?? undefined;
  const byName = args.name ?? undefined;
  if ((byId === undefined) === (byName === undefined)) throw badUserInput('Pass exactly one of `organizationId` and `name`');
  if (byId !== undefined) {
    if (!needsRecord(info.schema.getType('Organization'), selectedFields(info))) return { organizationId: byId, wire: undefined };
    const wire = await ctx.loaders.organizationById.load(byId);
    return wire === null ? null : organizationOf(wire);
  }
  const wire = await nullIfNotFound(() => getOrganizationByName(ctx.auth0, byName ?? '', ctx.call));
  if (wire === null) return null;
  ctx.loaders.organizationById.prime(wire.id, wire);
  return organizationOf(wire);
}

/** The organization record behind a source, read through the loader when the source was lazy. */
export async function organizationRecord(ctx: Context, organization: OrganizationSource): Promise<OrganizationWire | null> {
  return organization.wire ?? ctx.loaders.organizationById.load(organization.organizationId);
}

/** A field of the organization's own record, which a lazy source reads (once per request) when first needed. */
export async function organizationField<K extends keyof OrganizationWire>(
  ctx: Context,
  organization: OrganizationSource,
  key: K,
): Promise<NonNullable<OrganizationWire[K]> | null> {
  const wire = await organizationRecord(ctx, organization);
  return wire?.[key] ?? null;
}

/** Auth0 requires a name on every organization; a lazy source whose record vanished meanwhile has none. */
export async function organizationName(ctx: Context, organization: OrganizationSource): Promise<string> {
  const wire = await organizationRecord(ctx, organization);
  if (wire === null) throw notFound(`Organization ${organization.organizationId} no longer exists`);
  return wire.name;
}

export function listAllOrganizations(ctx: Context, args: OffsetConnectionArgs, info: SelectionInfo): Promise<Connection<OrganizationSource>> {
  const plan = planConnection(info);
  return checkpointConnection(
    'organizations',
    args,
    (from, take) => listOrganizations(ctx.auth0, { from, take }, ctx.call),
    (wires) =>
      wires.map((wire) => {
        ctx.loaders.organizationById.prime(wire.id, wire);
        return organizationOf(wire);
      }),
    plan.totalCount ? countOrganizations(ctx.auth0, ctx.call) : Promise.resolve(null),
    plan.streamed,
  );
}

export function memberCount(ctx: Context, organization: OrganizationSource): Promise<number> {
  return ctx.loaders.memberCount.load(organization.organizationId);
}

/**
 * One members page per request page, asking for what the selected member fields read (`roles` in the same call
 * when any member's roles are selected, never one call per member), and the members' profiles in one search right after it when `user` selects
 * more than a member carries. `totalCount` shares the seat count's single counted call.
 */
export function organizationMembers(
  ctx: Context,
  organization: OrganizationSource,
  args: OffsetConnectionArgs,
  info: SelectionInfo & OperationInfo,
): Promise<Connection<MemberSource>> {
  const plan = planConnection(info);
  const organizationId = organization.organizationId;
  const fields = recordReads(info, 'OrganizationMember', ['edges', 'node'], MEMBER_FIELDS);
  const withRoles = fields.has('roles');
  return checkpointConnection(
    `Organization.members:${organizationId}`,
    args,
    (from, take) => listMembers(ctx.auth0, organizationId, { from, take, fields }, ctx.call),
    async (wires) => {
      const profiles = await listedProfiles(ctx, info, ['edges', 'node', 'user'], wires.map((wire) => wire.user_id));
      return wires.map((wire) => ({ organizationId, wire, rolesListed: withRoles, profile: profiles.get(wire.user_id) }));
    },
    plan.totalCount ? ctx.loaders.memberCount.load(organizationId) : Promise.resolve(null),
    plan.streamed,
  );
}

export function organizationEnabledConnections(
  ctx: Context,
  organization: OrganizationSource,
  args: OffsetConnectionArgs,
  info: SelectionInfo,
): Promise<Connection<EnabledConnectionWire>> {
  const organizationId = organization.organizationId;
  return offsetConnection(
    `Organization.enabledConnections:${organizationId}`,
    args,
    planConnection(info),
    (page, perPage, includeTotals) => listEnabledConnections(ctx.auth0, organizationId, { page, perPage, includeTotals }, ctx.call),
    (wire) => wire,
  );
}

export function organizationInvitations(
  ctx: Context,
  organization: OrganizationSource,
  args: OffsetConnectionArgs,
  info: SelectionInfo,
): Promise<Connection<InvitationWire>> {
  const organizationId = organization.organizationId;
  return offsetConnection(
    `Organization.invitations:${organizationId}`,
    args,
    planConnection(info),
    (page, perPage) => listInvitations(ctx.auth0, organizationId, { page, perPage }, ctx.call),
    (wire) => wire,
    { countable: false },
  );
}

/** For `node(id:)`: existence matters there, so the record is always read. */
export async function organizationById(ctx: Context, organizationId: string): Promise<OrganizationSource | null> {
  const wire = await ctx.loaders.organizationById.load(organizationId);
  return wire === null ? null : organizationOf(wire);
}
