import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';

/**
 * The scopes each read endpoint wants, as the Management API's OpenAPI spec states them: `anyOf` passes
 * with any one scope, `allOf` only with all of them (or with one of `orAnyOf`). Written out here rather
 * than read from the simulator's routes, so a wrong rule there cannot agree with itself.
 */
type Rule = { anyOf: string[] } | { allOf: string[]; orAnyOf?: string[] };

interface Row {
  /** `{user}`, `{org}`, … are filled with a seeded id, or with one that does not exist. */
  path: string;
  rules: Rule[];
}

const CLIENT = { anyOf: ['read:clients', 'read:client_keys', 'read:client_credentials', 'read:client_summary'] };
const ORGANIZATION = { anyOf: ['read:organizations', 'read:organizations_summary'] };
const MEMBERS = { anyOf: ['read:organization_members'] };
const MEMBER_ROLES = { anyOf: ['read:organization_member_roles'] };

const TABLE: Row[] = [
  { path: '/users', rules: [{ anyOf: ['read:users', 'read:user_idp_tokens'] }] },
  { path: '/users/{user}', rules: [{ anyOf: ['read:users', 'read:current_user', 'read:user_idp_tokens'] }] },
  { path: '/users-by-email?email=nobody%40example.com', rules: [{ anyOf: ['read:users'] }] },
  { path: '/users/{user}/roles', rules: [{ allOf: ['read:users', 'read:roles'] }] },
  { path: '/users/{user}/permissions', rules: [{ anyOf: ['read:users'] }] },
  { path: '/users/{user}/organizations', rules: [{ anyOf: ['read:users', 'read:organizations'] }] },
  { path: '/clients', rules: [CLIENT] },
  { path: '/clients/{client}', rules: [CLIENT] },
  { path: '/connections', rules: [{ anyOf: ['read:connections'] }] },
  { path: '/connections/{connection}', rules: [{ anyOf: ['read:connections'] }] },
  { path: '/connections/{connection}/clients', rules: [{ anyOf: ['read:connections'] }] },
  { path: '/organizations', rules: [ORGANIZATION] },
  { path: '/organizations/{org}', rules: [ORGANIZATION] },
  { path: '/organizations/name/{orgName}', rules: [{ anyOf: ['read:organizations'] }] },
  { path: '/organizations/{org}/members', rules: [MEMBERS] },
  { path: '/organizations/{org}/members?fields=user_id&include_fields=true', rules: [MEMBERS] },
  { path: '/organizations/{org}/members?fields=roles&include_fields=false', rules: [MEMBERS] },
  { path: '/organizations/{org}/members?fields=user_id,roles&include_fields=true', rules: [MEMBERS, MEMBER_ROLES] },
  { path: '/organizations/{org}/members?fields=roles', rules: [MEMBERS, MEMBER_ROLES] },
  { path: '/organizations/{org}/members/{user}/roles', rules: [MEMBER_ROLES] },
  { path: '/organizations/{org}/invitations', rules: [{ anyOf: ['read:organization_invitations'] }] },
  { path: '/organizations/{invitationOrg}/invitations/{invitation}', rules: [{ anyOf: ['read:organization_invitations'] }] },
  { path: '/organizations/{org}/enabled_connections', rules: [{ anyOf: ['read:organization_connections'] }] },
  { path: '/roles', rules: [{ anyOf: ['read:roles'] }] },
  { path: '/roles/{role}', rules: [{ anyOf: ['read:roles'] }] },
  { path: '/roles/{role}/users', rules: [{ allOf: ['read:users', 'read:roles'], orAnyOf: ['read:role_members'] }] },
  { path: '/roles/{role}/permissions', rules: [{ anyOf: ['read:roles'] }] },
  { path: '/resource-servers', rules: [{ anyOf: ['read:resource_servers'] }] },
  { path: '/resource-servers/{api}', rules: [{ anyOf: ['read:resource_servers'] }] },
  { path: '/client-grants', rules: [{ anyOf: ['read:client_grants'] }] },
  { path: '/stats/active-users', rules: [{ anyOf: ['read:stats'] }] },
  { path: '/stats/daily', rules: [{ anyOf: ['read:stats'] }] },
  { path: '/tenants/settings', rules: [{ anyOf: ['read:tenant_settings'] }] },
];

// Granted alongside, so no token is empty; no endpoint above accepts it.
const UNRELATED = 'read:logs';

let sim: RunningSimulator;
let existing: Record<string, string>;
const MISSING: Record<string, string> = {
  user: 'auth0|000000000000000000000000',
  org: 'org_0000000000000000',
  orgName: 'no-such-organization',
  client: 'NoSuchClient000000000000000000',
  connection: 'con_0000000000000000',
  invitationOrg: 'org_0000000000000000',
  invitation: 'uinv_0000000000000000',
  role: 'rol_0000000000000000',
  api: '000000000000000000000000',
};

beforeAll(async () => {
  sim = await startSimulator({ size: { users: 30, organizations: 3, largestOrganizationMembers: 10 } });
  const { tenant } = sim;
  const org = tenant.organizations[0];
  const [orgId, invitations] = [...tenant.invitations.entries()].find(([, list]) => list.length > 0) ?? [];
  const member = org === undefined ? undefined : tenant.members.get(org.id)?.[0];
  existing = {
    user: member?.user_id ?? '',
    org: org?.id ?? '',
    orgName: org?.name ?? '',
    client: tenant.clients[0]?.client_id ?? '',
    connection: tenant.connections[0]?.id ?? '',
    invitationOrg: orgId ?? '',
    invitation: invitations?.[0]?.id ?? '',
    role: tenant.roles[0]?.id ?? '',
    api: tenant.resourceServers[0]?.id ?? '',
  };
  expect(Object.values(existing).every((id) => id !== '')).toBe(true);
});
afterAll(() => sim.close());

const fill = (path: string, ids: Record<string, string>): string =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(ids[name] ?? ''));

async function status(path: string, scopes: string[]): Promise<{ status: number; message: unknown }> {
  const res = await fetch(`${sim.url}/api/v2${path}`, { headers: { authorization: `Bearer ${sim.issueToken([UNRELATED, ...scopes])}` } });
  const body = (await res.json()) as { message?: unknown };
  return { status: res.status, message: body.message };
}

const expectedRefusal = (rule: Rule): string =>
  'allOf' in rule ? `Insufficient scope, expected all of: ${rule.allOf.join(', ')}` : `Insufficient scope, expected any of: ${rule.anyOf.join(', ')}`;

/** Scope sets that satisfy a rule, and for each way of falling short, the set and the rule it breaks. */
function cases(rules: Rule[]): { granted: string[][]; refused: { scopes: string[]; rule: Rule }[] } {
  const passes = (rule: Rule): string[][] =>
    'allOf' in rule ? [rule.allOf, ...(rule.orAnyOf ?? []).map((s) => [s])] : rule.anyOf.map((s) => [s]);
  const granted: string[][] = [[]];
  const refused: { scopes: string[]; rule: Rule }[] = [];
  for (const rule of rules) {
    const before = granted.splice(0);
    for (const prefix of before) {
      refused.push({ scopes: prefix, rule });
      if ('allOf' in rule) {
        for (const left of rule.allOf) refused.push({ scopes: [...prefix, ...rule.allOf.filter((s) => s !== left)], rule });
      }
      for (const pass of passes(rule)) granted.push([...prefix, ...pass]);
    }
  }
  return { granted, refused };
}

describe('per-endpoint scope checks', () => {
  it.each(TABLE)('$path', async ({ path, rules }) => {
    const { granted, refused } = cases(rules);
    for (const [ids, okStatus] of [[existing, 200], [MISSING, 404]] as const) {
      const concrete = fill(path, ids);
      // Ids that do not exist still get the 403: the scopes are checked before anything is looked up.
      for (const { scopes, rule } of refused) {
        expect({ concrete, scopes, ...(await status(concrete, scopes)) }).toEqual({ concrete, scopes, status: 403, message: expectedRefusal(rule) });
      }
      const wanted = path.includes('{') ? okStatus : 200;
      for (const scopes of granted) {
        expect({ concrete, scopes, status: (await status(concrete, scopes)).status }).toEqual({ concrete, scopes, status: wanted });
      }
    }
  });

  it('answers the 403 with the insufficient_scope body', async () => {
    const res = await fetch(`${sim.url}/api/v2/organizations/org_0000000000000000/members?fields=user_id,roles`, {
      headers: { authorization: `Bearer ${sim.issueToken(['read:organization_members'])}` },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Insufficient scope, expected any of: read:organization_member_roles',
      errorCode: 'insufficient_scope',
    });
  });

  it('refuses a field the scopes may not read before looking the API up', async () => {
    const res = await fetch(`${sim.url}/api/v2/resource-servers/${MISSING.api}?fields=signing_secret`, {
      headers: { authorization: `Bearer ${sim.issueToken(['read:resource_servers'])}` },
    });
    expect(res.status).toBe(403);
  });
});

describe('client grants and tokens that do not state their scopes', () => {
  it('lists a client\'s Management API grant, filtered by client and audience', async () => {
    const app = sim.addMachineClient({ scopes: ['read:users', 'read:roles'] });
    const get = async (query: string) => {
      const res = await fetch(`${sim.url}/api/v2/client-grants?${query}`, { headers: { authorization: `Bearer ${sim.issueToken(['read:client_grants'])}` } });
      expect(res.status).toBe(200);
      return (await res.json()) as unknown;
    };
    const audience = encodeURIComponent(`https://${sim.domain}/api/v2/`);
    expect(await get(`client_id=${app.clientId}&audience=${audience}`)).toEqual([
      { id: expect.stringMatching(/^cgr_/), client_id: app.clientId, audience: `https://${sim.domain}/api/v2/`, scope: ['read:users', 'read:roles'] },
    ]);
    expect(await get(`client_id=${app.clientId}&audience=${encodeURIComponent('https://elsewhere.example/')}`)).toEqual([]);
  });

  it('grants the scopes of a token issued without a scope claim', async () => {
    const token = sim.issueToken(['read:roles'], { scopeClaim: false });
    expect(decodeJwt(token).scope).toBeUndefined();
    const call = (path: string) => fetch(`${sim.url}/api/v2${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await call('/roles')).status).toBe(200);
    expect((await call('/users')).status).toBe(403);
  });
});
