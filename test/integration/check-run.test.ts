import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Auth0Settings } from '../../src/config-types.ts';
import { runCheck } from '../../src/check/run-check.ts';
import type { CheckOptions } from '../../src/check/run-check.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { clientSettingsFor } from '../../src/simulator/client-settings.ts';

// The part of the public graph (docs/schema.md#root-fields) that `--query` narrowing walks through.
const schema = buildSchema(`
  type Query { users(first: Int): UserConnection! role(roleId: String!): Role organizations: OrganizationConnection! }
  type UserConnection { edges: [UserEdge!]! }
  type UserEdge { node: User! }
  type User { userId: String! email: String roles: RoleConnection! }
  type RoleConnection { edges: [RoleEdge!]! }
  type RoleEdge { node: Role! }
  type Role { roleId: String! name: String! }
  type OrganizationConnection { edges: [OrganizationEdge!]! }
  type OrganizationEdge { node: Organization! }
  type Organization { name: String! members: MemberConnection! }
  type MemberConnection { edges: [MemberEdge!]! }
  type MemberEdge { node: OrganizationMember! }
  type OrganizationMember { userId: String! roles: [Role!]! }
`);

const ALL_READ_SCOPES = [
  'read:users',
  'read:roles',
  'read:clients',
  'read:connections',
  'read:organizations',
  'read:organization_members',
  'read:organization_member_roles',
  'read:organization_connections',
  'read:organization_invitations',
  'read:stats',
];

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ size: { users: 20, organizations: 3 }, rateLimit: 'enterprise' });
});
afterAll(() => sim.close());

function settings(credentials: { clientId: string; clientSecret: string }): Auth0Settings {
  return clientSettingsFor(sim, { credentials: { kind: 'client-credentials', ...credentials } });
}

async function check(credentials: { clientId: string; clientSecret: string }, options?: CheckOptions) {
  const lines: string[] = [];
  const code = await runCheck({ auth0: settings(credentials) }, (line) => lines.push(line), options);
  const text = lines.join('\n');
  expect(text).not.toContain(credentials.clientSecret);
  expect(text).not.toMatch(/eyJ[\w-]+\./);
  return { code, text, row: (group: string) => lines.find((l) => l.startsWith(`${group}  `)) ?? '' };
}

describe('runCheck', () => {
  it('passes with every read scope, and reads the plan from the rate-limit headers', async () => {
    const { code, text, row } = await check(sim.credentials);
    expect(code).toBe(0);
    expect(text).toContain(`Token       ok for client ${sim.credentials.clientId}`);
    expect(text).toContain('read:organization_member_roles');
    for (const group of ['Users', 'User roles', 'Member roles', 'Roles', 'Role users', 'Tenant stats']) {
      expect(row(group)).toMatch(/ ok$/);
    }
    expect(text).toContain('looks like AUTH0_PLAN=enterprise');
    expect(text).toMatch(/Rate budget global 40 burst 15\.84\/s configured, .* \(AUTH0_PLAN=enterprise\)/);
    expect(text).not.toContain('Fix');
    expect(text).toContain('Change feed read:logs ok');
    expect(text).toContain('Result      everything checked is usable');
  });

  it('prints the budget it learned per lane with AUTH0_PLAN=auto', async () => {
    const lines: string[] = [];
    const code = await runCheck({ auth0: clientSettingsFor(sim, { plan: 'auto', credentials: { kind: 'client-credentials', ...sim.credentials } }) }, (line) => lines.push(line));
    expect(code).toBe(0);
    const budget = lines.find((line) => line.startsWith('Rate budget')) ?? '';
    // Enterprise answers user reads from its 50-token global bucket and organization reads from a 10-token one.
    expect(budget).toMatch(/users 40 burst [\d.]+\/s learned/);
    expect(budget).toMatch(/organizations 8 burst [\d.]+\/s learned/);
    expect(budget).toContain('(AUTH0_PLAN=auto)');
  });

  it('names the groups a missing scope breaks and the exact scope to grant', async () => {
    const client = sim.addMachineClient({ scopes: ALL_READ_SCOPES.filter((s) => s !== 'read:roles') });
    const { code, text, row } = await check(client);
    expect(code).toBe(1);
    expect(row('Users')).toMatch(/ ok$/);
    for (const group of ['User roles', 'Roles', 'Role permissions', 'Role users']) {
      expect(row(group)).toContain('NOT USABLE: missing read:roles');
    }
    expect(text).toContain(`Fix         grant read:roles to client ${client.clientId} on the Auth0 Management API`);
    // Without read:logs the graph still answers, by the TTL: said, but not counted against the check.
    expect(text).toContain('Change feed off: grant read:logs');
    expect(text).toContain('Result      4 group(s) not usable');
  });

  it('narrows to what a query needs', async () => {
    const client = sim.addMachineClient({ scopes: ALL_READ_SCOPES.filter((s) => s !== 'read:roles') });
    const usersOnly = await check(client, { query: { source: '{ users { edges { node { email } } } }', schema } });
    expect(usersOnly.code).toBe(0);
    expect(usersOnly.row('Users')).toMatch(/ ok$/);
    expect(usersOnly.row('Roles')).toBe('');
    const withRoles = await check(client, {
      query: { source: 'query { users { edges { node { ...R } } } } fragment R on User { roles { edges { node { name } } } }', schema },
    });
    expect(withRoles.code).toBe(1);
    expect(withRoles.row('User roles')).toContain('missing read:roles');
  });

  it('fails with exit code 2 and the fix when the credentials are wrong', async () => {
    const { code, text } = await check({ clientId: sim.credentials.clientId, clientSecret: 'not-the-secret' });
    expect(code).toBe(2);
    expect(text).toMatch(/Token {7}FAILED for client .*: .+/);
    expect(text).not.toContain('GROUP');
  });

  it('fails with exit code 2 when the application has no Management API grant', async () => {
    const client = sim.addMachineClient({ scopes: ['read:users'], granted: false });
    const { code, text } = await check(client);
    expect(code).toBe(2);
    expect(text).toMatch(/client-grant|grant/i);
  });
});
