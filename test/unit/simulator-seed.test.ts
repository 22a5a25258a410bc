import { describe, expect, it } from 'vitest';
import { seedTenant } from '../../src/simulator/seed/seed-tenant.ts';
import { SECRET_MARKER, secretKindsIn } from '../../src/simulator/seed/secrets.ts';
import { DEMO_TENANT_SIZE, TENANT_SCALES, type UserRecord } from '../../src/simulator/tenant.ts';

const DOMAIN = 'demo-tenant.us.auth0.com';
const demo = seedTenant(1, DEMO_TENANT_SIZE, DOMAIN);

describe('seeded demo tenant', () => {
  it('is the same for the same seed and different for another', () => {
    expect(JSON.stringify(seedTenant(1, DEMO_TENANT_SIZE, DOMAIN).users)).toBe(JSON.stringify(demo.users));
    expect(seedTenant(2, DEMO_TENANT_SIZE, DOMAIN).users[0]?.user_id).not.toBe(demo.users[0]?.user_id);
  });

  it('has the demo sizes: 2,500 users, 40 orgs with one over 1,000 members, some empty, 15 apps', () => {
    expect(demo.users).toHaveLength(2500);
    expect(demo.organizations).toHaveLength(40);
    const sizes = demo.organizations.map((o) => demo.members.get(o.id)?.length ?? 0);
    expect(sizes[0]).toBe(1200);
    expect(sizes.filter((s) => s <= 5).length).toBeGreaterThanOrEqual(5);
    expect(sizes.filter((s) => s >= 50 && s <= 300).length).toBeGreaterThanOrEqual(3);
    expect(demo.clients).toHaveLength(15);
    expect(new Set(demo.clients.map((c) => c.app_type))).toEqual(new Set(['spa', 'native', 'regular_web', 'non_interactive']));
    expect(demo.connections.length).toBeGreaterThanOrEqual(6);
    expect(demo.dailyStats.length).toBeGreaterThan(70);
  });

  it('shares two addresses across connections, keeps SAML capitals, and leaves unset fields absent (never null)', async () => {
    const byAddress = new Map<string, UserRecord[]>();
    for (const user of demo.users) byAddress.set(user.email.toLowerCase(), [...(byAddress.get(user.email.toLowerCase()) ?? []), user]);
    const shared = [...byAddress.values()].filter((accounts) => accounts.length > 1);
    expect(shared.map((accounts) => accounts.map((u) => u.identities[0]?.provider).sort().join()).sort()).toEqual([
      'auth0,google-oauth2',
      'auth0,samlp',
    ]);
    const database = demo.users.filter((u) => u.identities[0]?.provider === 'auth0');
    expect(database.every((u) => u.email === u.email.toLowerCase())).toBe(true);
    const saml = demo.users.filter((u) => u.identities[0]?.provider === 'samlp');
    expect(saml.every((u) => u.email !== u.email.toLowerCase())).toBe(true);
    const neverLoggedIn = demo.users.filter((u) => !('last_login' in u));
    expect(neverLoggedIn.length).toBeGreaterThan(100);
    expect(neverLoggedIn.every((u) => !('logins_count' in u))).toBe(true);
    expect(JSON.stringify(demo.users)).not.toContain('null');
  });

  it('has created_at ties, blocked users, metadata, integer social identity ids and several connections', () => {
    const created = demo.users.map((u) => u.created_at);
    expect(new Set(created).size).toBeLessThan(created.length - 20);
    expect(created).toEqual([...created].sort());
    expect(demo.users.some((u) => u.blocked === true)).toBe(true);
    expect(demo.users.some((u) => u.app_metadata !== undefined)).toBe(true);
    expect(demo.users.some((u) => typeof u.identities[0]?.user_id === 'number')).toBe(true);
    expect(new Set(demo.users.map((u) => u.identities[0]?.provider))).toEqual(
      new Set(['auth0', 'google-oauth2', 'github', 'samlp', 'waad', 'email']),
    );
  });

  it('gives members 0–3 roles and a few hundred users to the member role', () => {
    const counts = [...demo.members.values()].flat().map((m) => m.role_ids.length);
    expect(Math.min(...counts)).toBe(0);
    expect(Math.max(...counts)).toBe(3);
    const member = demo.roles.find((r) => r.name === 'member');
    const holders = demo.roleUsers.get(member?.id ?? '')?.length ?? 0;
    expect(holders).toBeGreaterThan(150);
    expect(holders).toBeLessThan(1000);
  });

  it('stores key material on clients and secrets in connection options, each unique and marked with its kind', () => {
    expect(demo.clients.every((c) => c.client_secret.startsWith(`${SECRET_MARKER}-client.client_secret-`) && c.signing_keys.length > 0)).toBe(true);
    const text = JSON.stringify({ ...demo, members: [], rolePermissions: [], roleUsers: [], userPermissions: [], orgConnections: [], invitations: [...demo.invitations.values()] });
    const secrets = text.match(new RegExp(`${SECRET_MARKER}-[A-Za-z0-9_.]+-[A-Za-z0-9]+`, 'g')) ?? [];
    expect(secretKindsIn(text).sort()).toEqual([
      'client.addons.azure_sb.sasKey', 'client.addons.firebase.private_key', 'client.addons.firebase.private_key_id',
      'client.addons.firebase.secret', 'client.client_secret', 'client.encryption_key.cert', 'client.encryption_key.pub',
      'client.signing_keys.cert', 'client.signing_keys.pkcs7', 'connection.options.client_secret',
      'connection.options.signingCert', 'invitation.ticket_id', 'resource_server.signing_secret',
      'user.identities.access_token', 'user.identities.refresh_token',
    ]);
    // An invitation URL carries its ticket, so each ticket appears twice; every other secret once.
    const tickets = [...demo.invitations.values()].flat().length;
    expect(new Set(secrets).size).toBe(secrets.length - tickets);
    expect(demo.clients.some((c) => c.addons !== undefined)).toBe(true);
    expect(demo.connections.some((c) => 'client_secret' in c.options)).toBe(true);
  });

  it('scales down for tests and caps the largest org at the user count', () => {
    const small = seedTenant(3, { ...DEMO_TENANT_SIZE, users: 25, organizations: 3, largestOrganizationMembers: 100 }, DOMAIN);
    expect(small.users).toHaveLength(25);
    expect(small.members.get(small.organizations[0]?.id ?? '')).toHaveLength(25);
  });
});

describe('seeded medium tenant', () => {
  const medium = seedTenant(1, TENANT_SCALES.medium, DOMAIN);
  const sizes = medium.organizations.map((o) => medium.members.get(o.id)?.length ?? 0);

  it('is the same for the same seed, members included', () => {
    const again = seedTenant(1, TENANT_SCALES.medium, DOMAIN);
    expect(again.users.map((u) => u.user_id)).toEqual(medium.users.map((u) => u.user_id));
    expect([...again.members.values()].flat()).toEqual([...medium.members.values()].flat());
  });

  it('keeps the first organization the largest, each member once, and ids unique across 12,000 users', () => {
    expect(sizes[0]).toBe(TENANT_SCALES.medium.largestOrganizationMembers);
    expect(Math.max(...sizes.slice(1))).toBeLessThan(sizes[0] ?? 0);
    for (const members of medium.members.values()) expect(new Set(members.map((m) => m.user_id)).size).toBe(members.length);
    expect(new Set(medium.users.map((u) => u.user_id)).size).toBe(medium.users.length);
  });

  it('keeps the first organization the largest when mid-sized ones would scale past it', () => {
    const wide = seedTenant(1, { ...TENANT_SCALES.small, users: 20_000, organizations: 4, largestOrganizationMembers: 1000 }, DOMAIN);
    const counts = wide.organizations.map((o) => wide.members.get(o.id)?.length ?? 0);
    expect(counts).toEqual([1000, 500, 500, 500]);
  });

  it('seeds marked secrets on users at this size too', () => {
    const tokens = medium.users.flatMap((u) => u.identities.flatMap((i) => [i.access_token, i.refresh_token])).filter((t) => t !== undefined);
    expect(tokens.length).toBeGreaterThan(100);
    expect(secretKindsIn(tokens.join(' ')).sort()).toEqual(['user.identities.access_token', 'user.identities.refresh_token']);
  });
});
