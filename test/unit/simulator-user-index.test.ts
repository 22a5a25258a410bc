import { describe, expect, it } from 'vitest';
import { compileUserSearch, planUserSearch, type SearchContext } from '../../src/simulator/search/index.ts';
import { seedTenant } from '../../src/simulator/seed/seed-tenant.ts';
import { createTenantStore } from '../../src/simulator/tenant-store.ts';
import { TENANT_SCALES, type UserRecord } from '../../src/simulator/tenant.ts';

const store = createTenantStore(seedTenant(4, { ...TENANT_SCALES.small, users: 600, organizations: 6, largestOrganizationMembers: 200 }, 'd.auth0.com'));
const { users, organizations } = store.state;
const contextOf = (user: UserRecord): SearchContext => ({ organizationIds: store.organizationIdsOf(user.user_id) });
const at = (i: number): UserRecord => users[i] as UserRecord;
const [big, small] = organizations;
const ids = [at(3), at(70), at(599), at(250)].map((u) => `"${u.user_id}"`);

/** What the index path of a search returns: only the users the hint names, tested by the predicate. */
function viaIndex(q: string): string[] | undefined {
  const { matches, hint } = planUserSearch(q);
  if (hint === undefined) return undefined;
  return store.userIndex().positions(hint).map(at).filter((u) => matches(u, contextOf(u))).map((u) => u.user_id);
}

const scan = (q: string): string[] => {
  const matches = compileUserSearch(q);
  return users.filter((u) => matches(u, contextOf(u))).map((u) => u.user_id);
};

describe('user index: a hinted search finds exactly what reading every user finds, in list order', () => {
  it.each([
    `user_id:(${ids.join(' OR ')})`,
    `user_id:${ids[0] ?? ''} OR user_id:${ids[1] ?? ''}`,
    `email:"${at(10).email.toUpperCase()}"`,
    `email:"${at(10).email}" AND NOT blocked:true`,
    `organization_id:"${big?.id ?? ''}"`,
    `organization_id:"${big?.id ?? ''}" OR organization_id:"${small?.id ?? ''}"`,
    `+organization_id:"${big?.id ?? ''}" -email_verified:false`,
    `created_at:[${at(100).created_at} TO ${at(300).created_at}}`,
    `created_at:{${at(100).created_at} TO ${at(300).created_at}]`,
    `created_at:[2024-01 TO 2024-06-30]`,
    `created_at:[* TO ${at(20).created_at}]`,
    `created_at:[${at(500).created_at} TO *] AND email_verified:true`,
    `user_id:${ids[2] ?? ''} OR email:"${at(42).email}"`,
  ])('%s', (q) => {
    const found = viaIndex(q);
    expect(found).toBeDefined();
    expect(found).toEqual(scan(q));
    expect(scan(q).length).toBeGreaterThan(0);
  });

  it.each([
    'email_verified:true',
    `NOT user_id:${ids[0] ?? ''}`,
    `user_id:${ids[0] ?? ''} OR name:ada*`,
    `-organization_id:"${big?.id ?? ''}"`,
    'jane',
  ])('reads every user for %s, which no index narrows', (q) => {
    expect(viaIndex(q)).toBeUndefined();
  });

  it('names the users a write added after the index was first used', () => {
    const created = createTenantStore(seedTenant(5, { ...TENANT_SCALES.small, users: 30, organizations: 2, largestOrganizationMembers: 5 }, 'd.auth0.com'));
    expect(created.userIndex().positions({ kind: 'emails', values: ['late@example.com'] })).toEqual([]);
    created.createUser({ email: 'Late@example.com' }, Date.UTC(2025, 6, 1), 0);
    expect(created.userIndex().positions({ kind: 'emails', values: ['late@example.com'] })).toEqual([30]);
  });
});
