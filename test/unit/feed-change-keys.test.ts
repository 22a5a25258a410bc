import { describe, expect, it } from 'vitest';
import { resourceTags } from '../../src/cache/resource-tags.ts';
import { keysOfEvent, keysOfLogEntry, kindLabel } from '../../src/feed/change-keys.ts';
import { bearerMatches } from '../../src/feed/webhook-auth.ts';
import { cloudEventSchema, logEntrySchema } from '../../src/feed/wire.ts';

const entry = (fields: Record<string, unknown>) =>
  logEntrySchema.parse({ log_id: '9001', date: '2026-12-03T10:00:00.000Z', user_id: null, organization_id: null, ...fields });
const sapi = (method: string, path: string, body?: unknown) => entry({ type: 'sapi', details: { request: { method, path, body }, response: { statusCode: 200 } } });

describe('what a log entry touches', () => {
  const cases: readonly (readonly [string, ReturnType<typeof entry>, readonly string[]])[] = [
    ['a login: its user and the statistics', entry({ type: 's', user_id: 'auth0|1' }), ['User:auth0|1', 'Stats']],
    ['a login through an organization: and the organization', entry({ type: 's', user_id: 'auth0|1', organization_id: 'org_1' }), ['User:auth0|1', 'Stats', 'Organization:org_1']],
    ['a signup: the user and the user searches', entry({ type: 'ss', user_id: 'auth0|2' }), ['User:auth0|2', 'User', 'Stats']],
    ['a deletion', entry({ type: 'sdu', user_id: 'auth0|3' }), ['User:auth0|3', 'User', 'Stats']],
    ['a deletion without a user id: every user', entry({ type: 'du' }), ['User:*', 'User', 'Stats']],
    ['an email change', entry({ type: 'sce', user_id: 'auth0|1' }), ['User:auth0|1', 'User']],
    ['a failure changes nothing', entry({ type: 'fp', user_id: 'auth0|1' }), []],
    ['our own reads change nothing', entry({ type: 'mgmt_api_read' }), []],
    ['a token exchange changes nothing', entry({ type: 'seccft' }), []],
    ['an unknown type: the user it names', entry({ type: 'zz_new', user_id: 'auth0|1' }), ['User:auth0|1']],
    ['POST /users', sapi('post', '/api/v2/users'), ['User']],
    ['PATCH /users/{id}, the id encoded', sapi('patch', '/api/v2/users/auth0%7C1'), ['User:auth0|1', 'User']],
    ['DELETE /users/{id}', sapi('delete', '/api/v2/users/auth0|1'), ['User:auth0|1', 'User']],
    ['POST /users/{id}/roles', sapi('post', '/api/v2/users/auth0|1/roles', { roles: ['rol_1'] }), ['User:auth0|1', 'Role:rol_1']],
    ['POST /users/{id}/roles, body masked', sapi('post', '/api/v2/users/auth0|1/roles', '*****'), ['User:auth0|1', 'Role:*']],
    ['PATCH /organizations/{id}', sapi('patch', '/api/v2/organizations/org_1'), ['Organization:org_1', 'Organization']],
    ['POST /organizations/{id}/members', sapi('post', '/api/v2/organizations/org_1/members', { members: ['auth0|1', 'auth0|2'] }), ['Organization:org_1', 'User:auth0|1', 'User:auth0|2']],
    ['DELETE /organizations/{id}/members, no body', sapi('delete', '/api/v2/organizations/org_1/members'), ['Organization:org_1', 'User:*']],
    ['POST member roles', sapi('post', '/api/v2/organizations/org_1/members/auth0%7C1/roles', { roles: ['rol_1'] }), ['Organization:org_1', 'User:auth0|1']],
    ['POST /organizations', sapi('post', '/api/v2/organizations'), ['Organization']],
    ['PATCH /roles/{id}: its name shows in every holder', sapi('patch', '/api/v2/roles/rol_1'), ['Role:rol_1', 'Role', 'User:*']],
    ['POST /roles/{id}/users', sapi('post', '/api/v2/roles/rol_1/users', { users: ['auth0|1'] }), ['Role:rol_1', 'User:auth0|1']],
    ['DELETE /connections/{id}: its users go too', sapi('delete', '/api/v2/connections/con_1'), ['Connection:*', 'Organization:*', 'User:*']],
    ['a branding change touches nothing read', sapi('patch', '/api/v2/branding'), []],
    ['a write to an unknown collection: everything', sapi('post', '/api/v2/brand-new-thing'), ['*']],
    ['a sapi entry without its request: everything', entry({ type: 'sapi', details: {} }), ['*']],
  ];
  it.each(cases)('%s', (_name, given, keys) => {
    expect(keysOfLogEntry(given).keys).toEqual(keys);
  });

  it('names the cause by log type, and labels metrics from a bounded set', () => {
    expect(keysOfLogEntry(entry({ type: 's', user_id: 'u' })).cause).toBe('s');
    expect(keysOfLogEntry(sapi('post', '/api/v2/users')).cause).toBe('sapi');
    expect([kindLabel('s'), kindLabel('fp'), kindLabel('made_up')]).toEqual(['s', 'failure', 'other']);
  });
});

describe('what an Event Streams event touches', () => {
  const event = (type: string, object?: unknown) => cloudEventSchema.parse({ id: 'evt_1', type, data: object === undefined ? undefined : { object } });
  const cases: readonly (readonly [string, ReturnType<typeof event>, readonly string[]])[] = [
    ['user.updated', event('user.updated', { user_id: 'auth0|1' }), ['User:auth0|1', 'User']],
    ['com.auth0.user.deleted', event('com.auth0.user.deleted', { user_id: 'auth0|1' }), ['User:auth0|1', 'User', 'Stats']],
    ['organization.updated', event('organization.updated', { id: 'org_1' }), ['Organization:org_1', 'Organization']],
    ['organization.member.added', event('organization.member.added', { organization: { id: 'org_1' }, user: { user_id: 'auth0|1' } }), ['Organization:org_1', 'User:auth0|1']],
    ['organization.member.role.assigned without ids', event('organization.member.role.assigned', {}), ['Organization:*', 'User:*']],
    ['organization.connection.added', event('organization.connection.added', { organization_id: 'org_1' }), ['Organization:org_1']],
    ['group.created touches nothing read', event('group.created', {}), []],
    ['an unknown type: everything', event('tenant.exploded'), ['*']],
  ];
  it.each(cases)('%s', (_name, given, keys) => {
    expect(keysOfEvent(given)).toEqual({ keys, cause: 'event' });
  });
});

describe('the resources a cached body holds', () => {
  const cases: readonly (readonly [string, string, Record<string, string>, unknown, readonly string[]])[] = [
    ['a user', '/users/auth0%7C1', {}, { user_id: 'auth0|1' }, ['User:auth0|1']],
    ['a user search by ids: those users', '/users', { q: 'user_id:("auth0|1" OR "auth0|2")' }, [], ['User:auth0|1', 'User:auth0|2']],
    ['any other search: the listing and its rows', '/users', { q: 'email:"a@b.c"' }, [{ user_id: 'auth0|3' }], ['User', 'User:auth0|3']],
    ['a search that only starts like one by ids', '/users', { q: 'user_id:("a") OR email:*' }, [], ['User']],
    ['members: the organization and each member', '/organizations/org_1/members', {}, { members: [{ user_id: 'auth0|1' }], total: 1 }, ['Organization:org_1', 'User:auth0|1']],
    ['member roles', '/organizations/org_1/members/auth0%7C1/roles', {}, [], ['Organization:org_1', 'User:auth0|1']],
    ['organizations listing: not its rows, or every join would evict it', '/organizations', {}, { organizations: [{ id: 'org_1' }] }, ['Organization']],
    ['a user\'s organizations', '/users/auth0%7C1/organizations', {}, [{ id: 'org_1' }], ['User:auth0|1', 'Organization:org_1']],
    ['role users', '/roles/rol_1/users', {}, [{ user_id: 'auth0|1' }], ['Role:rol_1', 'User:auth0|1']],
    ['stats: the statistics', '/stats/active-users', {}, 4, ['Stats']],
    ['a read the feed cannot follow names nothing', '/resource-servers', {}, [], []],
  ];
  it.each(cases)('%s', (_name, path, query, body, tags) => {
    expect(resourceTags(path, query, body)).toEqual(tags);
  });
});

describe('webhook authorization', () => {
  const token = 'a-token-of-sixteen-chars';
  it.each([
    ['the right bearer token', `Bearer ${token}`, true],
    ['a wrong one', 'Bearer a-token-of-sixteen-charz', false],
    ['a prefix of it', `Bearer ${token.slice(0, 8)}`, false],
    ['the token without Bearer', token, false],
    ['nothing', null, false],
    ['an empty bearer', 'Bearer ', false],
  ] as const)('%s', (_name, header, accepted) => {
    expect(bearerMatches(header, token)).toBe(accepted);
  });
});
