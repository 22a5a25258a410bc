import { notFound, queryError } from '../errors.ts';
import type { OrganizationRecord } from '../tenant.ts';
import { param, type ApiContext, type RouteSpec } from './context.ts';
import { listResponse } from './paging.ts';
import { organizationView } from './projections.ts';

const SORTABLE = ['name', 'display_name', 'created_at'] as const;

export function requireOrganization(ctx: ApiContext): OrganizationRecord {
  const org = ctx.store.organizationById(param(ctx, 'id'));
  if (org === undefined) throw notFound.organization();
  return org;
}

/** `sort=field:1|-1` on name, display_name or created_at (creation order); default is creation order. */
function sortedOrganizations(ctx: ApiContext): readonly OrganizationRecord[] {
  const orgs = ctx.store.state.organizations;
  const sort = ctx.query.get('sort');
  if (sort === null || sort === '') return orgs;
  const match = /^(\w+):(1|-1)$/.exec(sort);
  const field = match?.[1];
  if (sort.length > 15 || match === null || !SORTABLE.some((s) => s === field)) {
    throw queryError(
      `'String does not match pattern ^((name)|(display_name)|(created_at)):(1|-1)$: ${sort}' on property sort (Field to sort by. Use field:order where order is 1 for ascending and -1 for descending. Defaults to created_at:1.).`,
    );
  }
  const direction = match[2] === '-1' ? -1 : 1;
  if (field === 'created_at') return direction === 1 ? orgs : [...orgs].reverse();
  const key = field === 'name' ? 'name' : 'display_name';
  return [...orgs].sort((a, b) => direction * a[key].localeCompare(b[key]) || (a.id < b.id ? -1 : 1));
}

const listOrganizations: RouteSpec = {
  template: '/organizations',
  scopes: { anyOf: ['read:organizations', 'read:organizations_summary'] },
  handle: (ctx) =>
    listResponse(ctx, {
      key: 'organizations',
      items: sortedOrganizations(ctx),
      project: organizationView,
      envelope: 'standard',
      cap: 'records',
      checkpoint: { idOf: (org) => org.id, end: 'no-next' },
    }),
};

const getOrganization: RouteSpec = {
  template: '/organizations/{id}',
  scopes: { anyOf: ['read:organizations', 'read:organizations_summary'] },
  handle: (ctx) => organizationView(requireOrganization(ctx)),
};

const getOrganizationByName: RouteSpec = {
  template: '/organizations/name/{name}',
  scopes: { anyOf: ['read:organizations'] },
  handle(ctx) {
    const org = ctx.store.organizationByName(param(ctx, 'name'));
    if (org === undefined) throw notFound.organization();
    return organizationView(org);
  },
};

export const ORGANIZATION_ROUTES: readonly RouteSpec[] = [listOrganizations, getOrganizationByName, getOrganization];
