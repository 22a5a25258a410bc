import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBES } from '../../src/check/probes.ts';
import { runCheck } from '../../src/check/run-check.ts';
import type { Auth0Credentials } from '../../src/config-types.ts';
import { DEFAULT_GRANTED_SCOPES } from '../../src/simulator/auth/management-scopes.ts';
import { clientSettingsFor } from '../../src/simulator/client-settings.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import type { RunningSimulator } from '../../src/simulator/index.ts';

/** Which groups each scope is needed by, written out by hand from the OAS so the check's table is not checked against itself. */
const NEEDED_BY: Readonly<Record<string, readonly string[]>> = {
  'read:users': ['Users', 'User roles', 'User permissions', 'Role users'],
  'read:roles': ['User roles', 'Roles', 'Role permissions', 'Role users'],
  // The simulator, like Auth0's 403 text, also lets read:users through here: only the token's scopes catch it.
  'read:organizations': ['Organizations', 'User organizations'],
  'read:clients': ['Applications'],
  'read:organization_members': ['Organization members', 'Member roles'],
  'read:organization_member_roles': ['Member roles'],
  'read:organization_connections': ['Organization connections'],
  'read:organization_invitations': ['Organization invitations'],
  'read:connections': ['Connections'],
  'read:stats': ['Tenant stats'],
};
const ALL = Object.keys(NEEDED_BY);
// Enough on its own for role users, in place of read:users + read:roles; the clients below lack it unless said.
const ROLE_MEMBERS = 'read:role_members';
const GROUPS = PROBES.map((p) => p.group);

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ size: { users: 20, organizations: 3 } });
});
afterAll(() => sim.close());

async function check(credentials: Auth0Credentials) {
  const lines: string[] = [];
  const code = await runCheck({ auth0: clientSettingsFor(sim, { credentials }) }, (line) => lines.push(line));
  const text = lines.join('\n');
  expect(text).not.toMatch(/eyJ[\w-]+\./);
  if (credentials.kind === 'client-credentials') expect(text).not.toContain(credentials.clientSecret);
  const row = (group: string): string => lines.find((l) => l.startsWith(`${group}  `)) ?? '';
  return { code, text, row };
}

const machine = (scopes: readonly string[]): Auth0Credentials => ({ kind: 'client-credentials', ...sim.addMachineClient({ scopes: [...scopes] }) });
const without = (scope: string): string[] => ALL.filter((s) => s !== scope);

describe('check believes the scopes the token was granted', () => {
  it('covers every scope a group needs', () => {
    expect(new Set(PROBES.flatMap((p) => p.needs.flat()))).toEqual(new Set([...ALL, ROLE_MEMBERS]));
  });

  it.each(ALL)('a client without %s: exactly the groups that need it are not usable, and the scope is named', async (scope) => {
    const { code, text, row } = await check(machine(without(scope)));
    const broken = NEEDED_BY[scope] ?? [];
    expect(broken.length).toBeGreaterThan(0);
    for (const group of broken) expect(row(group)).toMatch(new RegExp(`NOT USABLE: missing ${scope}\\b`));
    for (const group of GROUPS.filter((g) => !broken.includes(g))) expect(row(group)).toMatch(/ ok$/);
    expect(code).toBe(1);
    expect(text).toContain(`Fix         grant ${scope} to client `);
    expect(text).toContain(`Result      ${broken.length} group(s) not usable`);
  });

  it('reports member roles unusable without read:organization_member_roles, whatever the call says', async () => {
    const { code, row } = await check(machine(without('read:organization_member_roles')));
    expect(code).toBe(1);
    expect(row('Member roles')).toContain('NOT USABLE: missing read:organization_member_roles');
    expect(row('Organization members')).toMatch(/ ok$/);
  });

  it('says when the call passed although the token lacks the scope', async () => {
    const { row } = await check(machine(without('read:organizations')));
    expect(row('User organizations')).toContain("NOT USABLE: missing read:organizations: not in the token's scope claim, though Auth0 let the call through");
  });

  it('accepts read:role_members alone for role users', async () => {
    const { row } = await check(machine([...without('read:users'), ROLE_MEMBERS]));
    expect(row('Role users')).toMatch(/ ok$/);
    expect(row('Users')).toContain('NOT USABLE: missing read:users');
  });
});

describe('check with a static token', () => {
  it('reads the scope claim, names the missing scope and says a new token is needed', async () => {
    const { code, text, row } = await check({ kind: 'token', token: sim.issueToken(without('read:organization_member_roles')) });
    expect(code).toBe(1);
    expect(text).toContain('Token       ok for the static AUTH0_TOKEN');
    expect(row('Member roles')).toContain('NOT USABLE: missing read:organization_member_roles');
    expect(text).toContain(`Fix         grant read:organization_member_roles to client ${sim.credentials.clientId} on the Auth0 Management API`);
    expect(text).toContain('then issue a new AUTH0_TOKEN');
  });

  it('without a scope claim, reads the client grant, and says when the API disagrees with it', async () => {
    const everything = await check({ kind: 'token', token: sim.issueToken([...DEFAULT_GRANTED_SCOPES], { scopeClaim: false }) });
    expect(everything.text).toContain(`(from the client grant of client ${sim.credentials.clientId}; the token has no scope claim)`);
    expect(everything.code).toBe(0);

    const lessThanGranted = DEFAULT_GRANTED_SCOPES.filter((s) => s !== 'read:stats');
    const { code, row } = await check({ kind: 'token', token: sim.issueToken(lessThanGranted, { scopeClaim: false }) });
    expect(code).toBe(1);
    expect(row('Tenant stats')).toContain('NOT USABLE: Auth0 refused the call as missing read:stats, though the client grant grants read:stats');
  });

  it('without a scope claim or a readable client grant, leaves what worked unconfirmed', async () => {
    const unconfirmed = await check({ kind: 'token', token: sim.issueToken(ALL, { scopeClaim: false }) });
    expect(unconfirmed.text).toContain('Scopes      unknown: the token has no scope claim, and reading its client grant needs read:client_grants');
    expect(unconfirmed.row('Member roles')).toMatch(/read:organization_member_roles {2}UNCONFIRMED: the call worked, but the token's scopes are unknown$/);
    expect(unconfirmed.code).toBe(3);

    const { code, row } = await check({ kind: 'token', token: sim.issueToken(without('read:stats'), { scopeClaim: false }) });
    expect(code).toBe(1);
    expect(row('Tenant stats')).toContain("NOT USABLE: missing read:stats (as Auth0 says; the token's scopes are unknown)");
  });

  it('exits 2 when the API rejects the token itself', async () => {
    const { code, text } = await check({ kind: 'token', token: 'not-a-management-api-token' });
    expect(code).toBe(2);
    expect(text).toContain('Token       REJECTED by the Management API (401)');
    expect(text).not.toContain('GROUP');
  });
});
