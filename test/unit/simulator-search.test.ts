import { describe, expect, it } from 'vitest';
import { compileUserSearch, UserSearchError } from '../../src/simulator/search/index.ts';

const USERS: readonly Readonly<Record<string, unknown>>[] = [
  {
    user_id: 'auth0|ada',
    email: 'ada@lovelace.dev',
    email_verified: true,
    username: 'ada',
    name: 'Ada Lovelace',
    given_name: 'Ada',
    family_name: 'Lovelace',
    nickname: 'ada',
    logins_count: 12,
    created_at: '2025-12-01T08:00:00.000Z',
    updated_at: '2026-01-10T00:00:00.000Z',
    last_login: '2025-12-31T23:30:00.000Z',
    last_ip: '10.0.0.1',
    blocked: false,
    identities: [{ connection: 'Username-Password-Authentication', provider: 'auth0', user_id: 'ada', isSocial: false }],
    app_metadata: {
      plan: 'gold',
      seats: 5,
      beta: true,
      tags: ['billing', 'admin'],
      addresses: [{ city: 'Paris' }, { city: 'London' }],
      'dotted.key': 'x',
      empty: [],
      nothing: null,
    },
    user_metadata: { theme: 'Dark', lang: 'en' },
  },
  {
    user_id: 'google-oauth2|105',
    email: 'grace.hopper@navy.mil',
    email_verified: false,
    name: 'Grace Hopper',
    nickname: 'amazing grace',
    logins_count: 0,
    created_at: '2025-12-31T00:00:00.000Z',
    updated_at: '2025-12-31T00:00:00.000Z',
    identities: [{ connection: 'google-oauth2', provider: 'google-oauth2', user_id: '105', isSocial: true }],
    app_metadata: { plan: 'silver', seats: 50 },
    user_metadata: { theme: 'light' },
  },
  {
    user_id: 'auth0|alan',
    email: 'alan@turing.org',
    username: 'alan_t',
    name: 'Alan Turing',
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    blocked: true,
    phone_number: '+15551234567',
    phone_verified: false,
    identities: [{ connection: 'sms', provider: 'sms', user_id: 42, isSocial: false }],
    app_metadata: { plan: 'Gold' },
  },
  {
    user_id: 'samlp|corp|kat',
    email: 'Katherine.Johnson@NASA.gov',
    name: 'Katherine Johnson',
    given_name: 'Katherine',
    family_name: 'Johnson',
    logins_count: 200,
    created_at: '2024-06-15T12:00:00.000Z',
    updated_at: '2024-06-15T12:00:00.000Z',
    identities: [{ connection: 'corp-saml', provider: 'samlp', user_id: 'kat', isSocial: false }],
    user_metadata: { plan: 'gold' },
  },
  {
    user_id: 'auth0|and',
    email: 'and@example.com',
    name: 'and',
    logins_count: 100,
    created_at: '2026-02-01T00:00:00.000Z',
    updated_at: '2026-02-01T00:00:00.000Z',
    identities: [{ connection: 'Username-Password-Authentication', provider: 'auth0', user_id: 'and', isSocial: false }],
  },
];

const ORGANIZATIONS: Readonly<Record<string, readonly string[]>> = {
  'auth0|ada': ['org_1'],
  'google-oauth2|105': ['org_1'],
  'auth0|alan': ['org_2'],
};

const ALL = USERS.map((u) => String(u.user_id));
const except = (...ids: string[]): string[] => ALL.filter((id) => !ids.includes(id));

function search(q: string): string[] {
  const matches = compileUserSearch(q);
  return USERS.filter((user) => matches(user, { organizationIds: ORGANIZATIONS[String(user.user_id)] ?? [] })).map((u) =>
    String(u.user_id),
  );
}

const ADA = 'auth0|ada';
const GRACE = 'google-oauth2|105';
const ALAN = 'auth0|alan';
const KAT = 'samlp|corp|kat';
const AND = 'auth0|and';

describe('compileUserSearch: fields and values', () => {
  it.each<[string, string[]]>([
    ['name:"ada lovelace"', [ADA]],
    ['name:ada', []],
    ['name:Ada*', [ADA]],
    ['name:*ing', [ALAN]],
    ['name:*per', [GRACE]],
    ['email:ADA@LOVELACE.DEV', [ADA]],
    ['email:katherine.johnson@nasa.gov', [KAT]],
    ['email:*@nasa.gov', [KAT]],
    ['email.domain:NASA.gov', [KAT]],
    ['given_name:KATHERINE', [KAT]],
    ['family_name:lovelace', [ADA]],
    ['nickname:"Amazing Grace"', [GRACE]],
    ['nickname:amazing\\ grace', [GRACE]],
    ['user_id:auth0\\|ada', [ADA]],
    ['user_id:"auth0|ada"', [ADA]],
    ['user_id:"AUTH0|ADA"', []],
    ['user_id:("auth0|ada" OR "google-oauth2|105")', [ADA, GRACE]],
    ['user_id:auth0*', [ADA, ALAN, AND]],
    ['username:alan_t', [ALAN]],
    ['username:ALAN_T', []],
    ['phone_number:"+15551234567"', [ALAN]],
    ['phone_verified:false', [ALAN]],
    ['last_ip:"10.0.0.1"', [ADA]],
    ['email_verified:true', [ADA]],
    ['email_verified:false', [GRACE]],
    ['blocked:true', [ALAN]],
    ['identities.connection:google-oauth2', [GRACE]],
    ['identities.connection:username-password-authentication', []],
    ['identities.provider:samlp', [KAT]],
    ['identities.user_id:42', [ALAN]],
    ['identities.isSocial:true', [GRACE]],
    ['organization_id:org_1', [ADA, GRACE]],
    ['organization_id:org_2', [ALAN]],
    ['organization_id:org_3', []],
    ['unknown_field:x', []],
    ['Name:ada*', []],
  ])('%s', (q, expected) => {
    expect(search(q)).toEqual(expected);
  });
});

describe('compileUserSearch: metadata', () => {
  it.each<[string, string[]]>([
    ['app_metadata.plan:gold', [ADA]],
    ['app_metadata.plan:Gold', [ALAN]],
    ['user_metadata.plan:gold', [KAT]],
    ['user_metadata.theme:dark', []],
    ['user_metadata.theme:Dark', [ADA]],
    ['app_metadata.tags:billing', [ADA]],
    ['app_metadata.addresses.city:London', [ADA]],
    ['app_metadata.dotted.key:x', [ADA]],
    ['app_metadata.seats:50', [GRACE]],
    ['app_metadata.seats:"50"', [GRACE]],
    ['app_metadata.seats:[1 TO 10]', [ADA]],
    ['app_metadata.seats:{5 TO *]', [GRACE]],
    ['app_metadata.beta:true', [ADA]],
    ['app_metadata.plan:gol*', [ADA]],
    ['app_metadata.plan:*ver', [GRACE]],
    ['app_metadata:gold', []],
    ['_exists_:app_metadata.empty', []],
    ['_exists_:app_metadata.nothing', []],
    ['_exists_:app_metadata.addresses', [ADA]],
    ['_exists_:app_metadata.addresses.city', [ADA]],
    ['_exists_:user_metadata', [ADA, GRACE, KAT]],
  ])('%s', (q, expected) => {
    expect(search(q)).toEqual(expected);
  });
});

describe('compileUserSearch: numbers and dates', () => {
  it.each<[string, string[]]>([
    ['logins_count:0', [GRACE]],
    ['logins_count:12', [ADA]],
    ['logins_count:[10 TO 100]', [ADA, AND]],
    ['logins_count:[10 TO 100}', [ADA]],
    ['logins_count:{12 TO *]', [KAT, AND]],
    ['logins_count:[* TO *]', [ADA, GRACE, KAT, AND]],
    ['logins_count:>=100', [KAT, AND]],
    ['logins_count:>100', [KAT]],
    ['logins_count:<12', [GRACE]],
    ['logins_count:<=12', [ADA, GRACE]],
    ['_exists_:last_login', [ADA]],
    ['_exists_:logins_count', [ADA, GRACE, KAT, AND]],
    ['NOT _exists_:logins_count OR logins_count:0', [GRACE, ALAN]],
    ['created_at:2025-12-31', [GRACE]],
    ['created_at:"2025-12-31T00:00:00.000Z"', [GRACE]],
    ['created_at:2025-12-31T00\\:00\\:00.000Z', [GRACE]],
    ['created_at:[2025-12-01 TO 2025-12-31]', [ADA, GRACE]],
    ['created_at:[* TO 2025-12-31}', [ADA, KAT]],
    ['created_at:{2025-12-31 TO *]', [ALAN, AND]],
    ['created_at:[2025-12 TO 2025-12]', [ADA, GRACE]],
    ['created_at:[2024 TO 2024]', [KAT]],
    ['created_at:>=2026-01-01', [ALAN, AND]],
    ['updated_at:{2025-12-31T00:00:00.000Z TO *]', [ADA, ALAN, AND]],
    ['last_login:[2025-12-31T23:00:00Z TO 2025-12-31T23:59:59Z]', [ADA]],
    ['last_login:[2026-01-01T00:00:00+01:00 TO *]', [ADA]],
    ['last_login:[2026-01-01T00:30:00+01:00 TO *]', [ADA]],
    ['last_login:{2026-01-01T00:30:00+01:00 TO *]', []],
  ])('%s', (q, expected) => {
    expect(search(q)).toEqual(expected);
  });
});

describe('compileUserSearch: terms without a field', () => {
  it.each<[string, string[]]>([
    ['lovelace', [ADA]],
    ['LOVELACE', [ADA]],
    ['"grace hopper"', [GRACE]],
    ['"amazing grace"', [GRACE]],
    ['"hopper grace"', []],
    ['nasa.gov', [KAT]],
    ['google-oauth2', [GRACE]],
    ['lovel*', [ADA]],
    ['dark', []],
    ['gold', []],
  ])('%s', (q, expected) => {
    expect(search(q)).toEqual(expected);
  });
});

describe('compileUserSearch: operators and grouping', () => {
  it.each<[string, string[]]>([
    ['', ALL],
    ['   ', ALL],
    ['*:*', ALL],
    ['*', ALL],
    ['name:*', ALL],
    ['_exists_:given_name', [ADA, KAT]],
    ['name:ada* AND logins_count:12', [ADA]],
    ['name:ada* AND logins_count:0', []],
    ['name:ada* OR name:grace*', [ADA, GRACE]],
    ['name:ada* name:grace*', [ADA, GRACE]],
    ['name:(ada* OR grace*)', [ADA, GRACE]],
    ['name:(ada* grace*) AND email_verified:true', [ADA]],
    ['(name:ada* OR name:grace*) AND NOT email_verified:true', [GRACE]],
    ['name:alan* AND name:grace*', []],
    ['name:alan* and name:grace*', [GRACE, ALAN, AND]],
    ['name:ada* or', [ADA]],
    ['NOT blocked:true', except(ALAN)],
    ['-blocked:true', except(ALAN)],
    ['!blocked:true', except(ALAN)],
    ['name:a* NOT blocked:true', [ADA, AND]],
    ['name:a* -blocked:true', [ADA, AND]],
    ['name:ada* OR NOT blocked:true', except(ALAN)],
    ['name:a* OR NOT blocked:true', ALL],
    ['+name:a* logins_count:0', [ADA, ALAN, AND]],
    ['+name:a* +blocked:true', [ALAN]],
    ['name:ada* && email_verified:true', [ADA]],
    ['name:ada* || name:grace*', [ADA, GRACE]],
    ['NOT (blocked:true OR logins_count:>=100)', [ADA, GRACE]],
    ['a OR b AND c', []],
    ['email:ada@lovelace.dev^2', [ADA]],
    ['NOT NOT blocked:true', [ALAN]],
    ['_exists_:(last_login OR phone_number)', [ADA, ALAN]],
  ])('%s', (q, expected) => {
    expect(search(q)).toEqual(expected);
  });

  it('answers large id batches the same as one-by-one alternatives', () => {
    const ids = ['auth0|ada', 'google-oauth2|105', 'samlp|corp|kat', 'auth0|nobody', 'AUTH0|ALAN'];
    expect(search(`user_id:(${ids.map((id) => `"${id}"`).join(' OR ')})`)).toEqual([ADA, GRACE, KAT]);
    expect(search(`user_id:(${ids.map((id) => `"${id}"`).join(' ')}) AND NOT blocked:true`)).toEqual([ADA, GRACE, KAT]);
    expect(search('email:(ADA@lovelace.dev "grace.hopper@NAVY.mil" x@y.z w@v.u) OR user_id:"auth0|and"')).toEqual([ADA, GRACE, AND]);
  });

  it('binds AND tighter than OR', () => {
    expect(search('blocked:true OR name:ada* AND logins_count:12')).toEqual([ADA, ALAN]);
    expect(search('(blocked:true OR name:ada*) AND logins_count:12')).toEqual([ADA]);
  });
});

describe('compileUserSearch: rejected queries', () => {
  it.each<[string, RegExp]>([
    ['(name:ada', /missing closing parenthesis/],
    ['name:ada)', /unbalanced parenthesis/],
    ['name:(ada OR grace', /missing closing parenthesis/],
    ['name:*ab', /at least 3/],
    ['name:*a*b', /at least 3/],
    ['*ab', /at least 3/],
    ['user_metadata.theme:Da*', /wildcard searches are not allowed on user_metadata/],
    ['user_metadata.lang:[a TO z]', /range searches are not allowed on user_metadata/],
    ['user_metadata.seats:>5', /range searches are not allowed on user_metadata/],
    ['name:jo?n', /"\?" wildcard is not supported/],
    ['name:"unterminated', /unterminated quoted phrase/],
    ['logins_count:abc', /not a number/],
    ['logins_count:1*', /wildcards are only supported on text fields/],
    ['created_at:yesterday', /failed to parse date/],
    ['created_at:2025-02-30', /failed to parse date/],
    ['blocked:maybe', /not a boolean/],
    ['blocked:[false TO true]', /ranges are not supported/],
    ['AND name:ada', /needs a search term on both sides/],
    ['name:ada OR', /ends where a search term was expected/],
    ['name:', /has no value/],
    ['name:jane~', /fuzzy/],
    ['name:/jo.*/', /regular expression/],
    ['logins_count:[1 10]', /malformed range/],
    ['logins_count:[1 TO 10', /malformed range/],
    ['name:ada\\', /escape character/],
    ['[1 TO 2]', /needs a field name/],
    ['_exists_:', /has no value/],
    ['_exists_:na*', /needs a field name/],
    ['name:ada ]', /unexpected/],
    ['updated_at:2025-12-31T00:00:00.000Z', /quote or escape values that contain ":"/],
  ])('%s', (q, message) => {
    expect(() => compileUserSearch(q)).toThrow(UserSearchError);
    expect(() => compileUserSearch(q)).toThrow(message);
  });

  it('never echoes more than the start of an offending token', () => {
    const token = `*${'x'.repeat(5000)}?`;
    try {
      compileUserSearch(`name:${token}`);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserSearchError);
      expect((error as Error).message.length).toBeLessThan(200);
    }
  });

  it('refuses nesting deep enough to exhaust the stack, and accepts ordinary nesting', () => {
    expect(() => compileUserSearch(`${'('.repeat(10_000)}name:ada*${')'.repeat(10_000)}`)).toThrow(/nests deeper/);
    expect(() => compileUserSearch(`${'NOT '.repeat(10_000)}name:ada*`)).toThrow(/nests deeper/);
    expect(search(`${'('.repeat(20)}name:ada*${')'.repeat(20)}`)).toEqual([ADA]);
  });

  it('rejects before any user is evaluated, so a bad query fails even on an empty tenant', () => {
    expect(() => compileUserSearch('user_metadata.a:x* OR name:ada')).toThrow(UserSearchError);
  });
});
