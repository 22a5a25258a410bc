import { describe, expect, it } from 'vitest';
import type { GrantedScopes } from '../../src/check/granted-scopes.ts';
import type { ScopeNeed } from '../../src/check/probes.ts';
import { judge, missingScopes, statusOf } from '../../src/check/verdict.ts';
import type { ProbeResult } from '../../src/check/verdict.ts';

const MEMBER_ROLES: ScopeNeed = [['read:organization_members', 'read:organization_member_roles']];
const ROLE_USERS: ScopeNeed = [['read:users', 'read:roles'], ['read:role_members']];

const fromToken = (...scopes: string[]): GrantedScopes => ({ known: true, scopes: new Set(scopes), source: 'token' });
const fromGrant = (...scopes: string[]): GrantedScopes => ({ known: true, scopes: new Set(scopes), source: 'client-grant', clientId: 'abc' });
const UNKNOWN: GrantedScopes = { known: false, reason: 'opaque token' };

const PASSED: ProbeResult = { kind: 'passed' };
const refused = (...named: string[]): ProbeResult => ({ kind: 'refused', named });
const FAILED: ProbeResult = { kind: 'failed', problem: 'AUTH0_UPSTREAM: 503' };

const BOTH = ['read:organization_members', 'read:organization_member_roles'];

describe('judge: granted scopes and the call → verdict', () => {
  it.each<[string, ScopeNeed, GrantedScopes, ProbeResult, string, string[], string]>([
    ['granted, call passed', MEMBER_ROLES, fromToken(...BOTH), PASSED, 'usable', [], 'ok'],
    ['not granted, call refused', MEMBER_ROLES, fromToken('read:organization_members'), refused('read:organization_member_roles'),
      'unusable', ['read:organization_member_roles'], 'NOT USABLE: missing read:organization_member_roles'],
    // The reported bug: a 404 on a made-up organization let the call through without the scope.
    ['not granted, call passed', MEMBER_ROLES, fromToken('read:organization_members'), PASSED,
      'unusable', ['read:organization_member_roles'],
      "NOT USABLE: missing read:organization_member_roles: not in the token's scope claim, though Auth0 let the call through"],
    ['not granted by the client grant, call passed', MEMBER_ROLES, fromGrant('read:organization_members'), PASSED,
      'unusable', ['read:organization_member_roles'],
      'NOT USABLE: missing read:organization_member_roles: not in the client grant, though Auth0 let the call through'],
    ['granted, yet refused', MEMBER_ROLES, fromToken(...BOTH), refused('read:organization_member_roles'),
      'unusable', ['read:organization_member_roles'],
      "NOT USABLE: Auth0 refused the call as missing read:organization_member_roles, though the token's scope claim grants read:organization_members read:organization_member_roles"],
    ['granted, refused without naming a scope', [['read:clients']], fromToken('read:clients'), refused(),
      'unusable', [], "NOT USABLE: Auth0 refused the call as missing a scope it did not name, though the token's scope claim grants read:clients"],
    ['granted, call failed', MEMBER_ROLES, fromToken(...BOTH), FAILED, 'unusable', [], 'NOT USABLE: the call failed: AUTH0_UPSTREAM: 503'],
    ['not granted, call failed', MEMBER_ROLES, fromToken(), FAILED, 'unusable', BOTH,
      'NOT USABLE: missing read:organization_members read:organization_member_roles; the call also failed: AUTH0_UPSTREAM: 503'],
    ['unknown scopes, call passed', MEMBER_ROLES, UNKNOWN, PASSED, 'unconfirmed', [],
      "UNCONFIRMED: the call worked, but the token's scopes are unknown"],
    ['unknown scopes, call refused', MEMBER_ROLES, UNKNOWN, refused('read:organization_member_roles'), 'unusable', ['read:organization_member_roles'],
      "NOT USABLE: missing read:organization_member_roles (as Auth0 says; the token's scopes are unknown)"],
    ['unknown scopes, call failed', MEMBER_ROLES, UNKNOWN, FAILED, 'unusable', [], 'NOT USABLE: the call failed: AUTH0_UPSTREAM: 503'],
    ['the second set is whole', ROLE_USERS, fromToken('read:role_members'), PASSED, 'usable', [], 'ok'],
    ['the first set is whole', ROLE_USERS, fromToken('read:users', 'read:roles'), PASSED, 'usable', [], 'ok'],
    ['neither set is whole', ROLE_USERS, fromToken('read:users'), refused('read:users', 'read:roles'), 'unusable', ['read:roles'], 'NOT USABLE: missing read:roles'],
    ['neither set is whole, first wins the tie', ROLE_USERS, fromToken('read:roles'), refused('read:users', 'read:roles'), 'unusable', ['read:users'],
      'NOT USABLE: missing read:users'],
  ])('%s', (_, need, granted, probe, state, missing, status) => {
    const verdict = judge(need, granted, probe);
    expect({ state: verdict.state, missing: verdict.missing, status: statusOf(verdict) }).toEqual({ state, missing, status });
  });
});

describe('missingScopes', () => {
  it.each<[ScopeNeed, string[], string[]]>([
    [ROLE_USERS, [], ['read:role_members']],
    [ROLE_USERS, ['read:users', 'read:roles'], []],
    [[['a', 'b', 'c'], ['d', 'e']], ['a'], ['b', 'c']],
    [[], ['a'], []],
  ])('%j with %j lacks %j', (need, granted, lacking) => {
    expect(missingScopes(need, new Set(granted))).toEqual(lacking);
  });
});
