import { z } from 'zod';
import type { Auth0Client } from '../types.ts';
import { allowList, getParsed, pathSegment } from './call.ts';
import type { CallOptions } from './call.ts';
import { checkpointList, checkpointQuery, offsetList, offsetQuery } from './lists.ts';
import type { CheckpointPage, CheckpointParams, OffsetPage, OffsetParams } from './lists.ts';
import { roleList } from './roles.ts';
import type { RoleWire } from './roles.ts';

export const organizationWire = z.object({
  id: z.string(),
  name: z.string(),
  display_name: z.string().nullish(),
  branding: z
    .object({
      logo_url: z.string().nullish(),
      colors: z.object({ primary: z.string().nullish(), page_background: z.string().nullish() }).nullish(),
    })
    .nullish(),
  metadata: z.record(z.string(), z.string().nullable()).nullish(),
});
export type OrganizationWire = z.output<typeof organizationWire>;

/** A member's role as `fields=…,roles` returns it: no description. */
const memberRoleWire = z.object({ id: z.string(), name: z.string() });

export const memberWire = z.object({
  user_id: z.string(),
  email: z.string().nullish(),
  name: z.string().nullish(),
  picture: z.string().nullish(),
  roles: z.array(memberRoleWire).optional(),
});
export type MemberWire = z.output<typeof memberWire>;

/** What a members page can carry; `roles` needs `read:organization_member_roles`. */
export const MEMBER_FIELDS = ['user_id', 'email', 'name', 'picture', 'roles'] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];

export const organizationList = offsetList('organizations', organizationWire);
const organizationPage = checkpointList('organizations', organizationWire);
const memberPage = checkpointList('members', memberWire);
const memberList = offsetList('members', memberWire);

/** Org enabled connection; the nested `connection` names the connection without its `options`. */
export const enabledConnectionWire = z.object({
  connection_id: z.string(),
  assign_membership_on_login: z.boolean().nullish(),
  show_as_button: z.boolean().nullish(),
  is_signup_enabled: z.boolean().nullish(),
  connection: z.object({ name: z.string().nullish(), strategy: z.string().nullish() }).nullish(),
});
export type EnabledConnectionWire = z.output<typeof enabledConnectionWire>;
const enabledConnectionList = offsetList('enabled_connections', enabledConnectionWire);

/** An invitation without `invitation_url` and `ticket_id`: together they accept the invite for anyone holding them. */
export const invitationWire = z.object({
  id: z.string(),
  organization_id: z.string().nullish(),
  client_id: z.string().nullish(),
  connection_id: z.string().nullish(),
  inviter: z.object({ name: z.string().nullish() }).nullish(),
  invitee: z.object({ email: z.string().nullish() }).nullish(),
  created_at: z.string().nullish(),
  expires_at: z.string().nullish(),
  roles: z.array(z.string()).nullish(),
});
export type InvitationWire = z.output<typeof invitationWire>;
const invitationList = offsetList('invitations', invitationWire);

const INVITATION_FIELDS = [
  'id', 'organization_id', 'client_id', 'connection_id', 'inviter', 'invitee', 'created_at', 'expires_at', 'roles',
] as const;

export function getOrganization(client: Auth0Client, organizationId: string, options: CallOptions): Promise<OrganizationWire> {
  return getParsed(client, `/organizations/${pathSegment(organizationId)}`, {}, organizationWire, options);
}

export function getOrganizationByName(client: Auth0Client, name: string, options: CallOptions): Promise<OrganizationWire> {
  return getParsed(client, `/organizations/name/${pathSegment(name)}`, {}, organizationWire, options);
}

export function listOrganizations(
  client: Auth0Client,
  params: CheckpointParams,
  options: CallOptions,
): Promise<CheckpointPage<OrganizationWire>> {
  return getParsed(client, '/organizations', checkpointQuery(params), organizationPage, options);
}

/** One counted call: checkpoint pages carry no totals, so the count is the smallest offset page. */
export async function countOrganizations(client: Auth0Client, options: CallOptions): Promise<number> {
  const query = offsetQuery({ page: 0, perPage: 1, includeTotals: true });
  const page = await getParsed(client, '/organizations', query, organizationList, options);
  return page.total ?? page.items.length;
}

export interface MemberListParams extends CheckpointParams {
  /** What to ask for beyond `user_id`, which keys every member and is always asked. */
  readonly fields: Iterable<string>;
}

export function listMembers(
  client: Auth0Client,
  organizationId: string,
  params: MemberListParams,
  options: CallOptions,
): Promise<CheckpointPage<MemberWire>> {
  const asked = new Set(params.fields);
  const fields = MEMBER_FIELDS.filter((field) => field === 'user_id' || asked.has(field));
  const query = { ...allowList(fields), ...checkpointQuery(params) };
  const path = `/organizations/${pathSegment(organizationId)}/members`;
  return getParsed(client, path, query, memberPage, options);
}

/** Seats: one counted call whose page carries a single id. */
export async function countMembers(client: Auth0Client, organizationId: string, options: CallOptions): Promise<number> {
  const query = { ...allowList(['user_id']), ...offsetQuery({ page: 0, perPage: 1, includeTotals: true }) };
  const path = `/organizations/${pathSegment(organizationId)}/members`;
  const page = await getParsed(client, path, query, memberList, options);
  return page.total ?? page.items.length;
}

export function listEnabledConnections(
  client: Auth0Client,
  organizationId: string,
  params: OffsetParams,
  options: CallOptions,
): Promise<OffsetPage<EnabledConnectionWire>> {
  const path = `/organizations/${pathSegment(organizationId)}/enabled_connections`;
  return getParsed(client, path, offsetQuery(params), enabledConnectionList, options);
}

/** Invitations are counted by nobody: their envelope has no total, so `includeTotals` is never sent. */
export function listInvitations(
  client: Auth0Client,
  organizationId: string,
  params: Omit<OffsetParams, 'includeTotals'>,
  options: CallOptions,
): Promise<OffsetPage<InvitationWire>> {
  const query = { ...allowList(INVITATION_FIELDS), ...offsetQuery({ ...params, includeTotals: false }) };
  const path = `/organizations/${pathSegment(organizationId)}/invitations`;
  return getParsed(client, path, query, invitationList, options);
}

/** A member's roles in the organization; all of them, in as many 100-role pages as it takes. */
export async function listMemberRoles(
  client: Auth0Client,
  organizationId: string,
  userId: string,
  options: CallOptions,
): Promise<RoleWire[]> {
  const path = `/organizations/${pathSegment(organizationId)}/members/${pathSegment(userId)}/roles`;
  const roles: RoleWire[] = [];
  for (let page = 0; ; page += 1) {
    const result = await getParsed(client, path, offsetQuery({ page, perPage: 100, includeTotals: false }), roleList, options);
    roles.push(...result.items);
    if (result.items.length < 100) return roles;
  }
}
