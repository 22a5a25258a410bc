import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Auth0Settings } from '../../src/config-types.ts';
import { createAuth0Client } from '../../src/auth0/index.ts';
import { isAuth0Error } from '../../src/auth0/errors.ts';
import { createFakeClock } from './auth0-fake-clock.ts';
import type { UpstreamCall } from '../../src/auth0/types.ts';

const BASE = 'https://acme.eu.auth0.com';

function settings(credentials: Auth0Settings['credentials']): Auth0Settings {
  return { domain: 'acme.eu.auth0.com', baseUrl: BASE, audience: `${BASE}/api/v2/`, credentials, plan: 'enterprise', rateLimit: undefined, rateBurst: undefined, upstreamConnections: undefined, maxQueueMs: 2_000 };
}

describe('createAuth0Client over a MockAgent', () => {
  let agent: MockAgent;
  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
  });
  afterEach(async () => {
    agent.assertNoPendingInterceptors();
    await agent.close();
  });

  it('sends the static token, encodes the query and reports one call', async () => {
    agent
      .get(BASE)
      .intercept({ path: '/api/v2/users/auth0%7C1?fields=user_id%2Cemail&include_fields=true', method: 'GET', headers: { authorization: 'Bearer static-token' } })
      .reply(200, { user_id: 'auth0|1' }, { headers: { 'content-type': 'application/json' } });
    const client = createAuth0Client(settings({ kind: 'token', token: 'static-token' }), { dispatcher: agent });
    const calls: UpstreamCall[] = [];
    const body = await client.get({ path: '/users/auth0%7C1', query: { fields: 'user_id,email', include_fields: true }, onCall: (call) => calls.push(call) });
    expect(body).toEqual({ user_id: 'auth0|1' });
    expect(calls).toMatchObject([{ route: '/users/{id}', group: 'other', status: 200, attempts: 1 }]);
    expect(client.counters.calls.get('other 200')).toBe(1);
  });

  it('resolves an empty 2xx body as null', async () => {
    agent.get(BASE).intercept({ path: '/api/v2/stats/active-users', method: 'GET' }).reply(204, '');
    const client = createAuth0Client(settings({ kind: 'token', token: 't' }), { dispatcher: agent });
    await expect(client.get({ path: '/stats/active-users' })).resolves.toBeNull();
  });

  it('fetches one client-credentials token for concurrent calls, as a form body with the audience', async () => {
    let tokenBody = '';
    agent
      .get(BASE)
      .intercept({ path: '/oauth/token', method: 'POST', body: (body) => (tokenBody = body) !== '' })
      .reply(200, { access_token: 'cc-token', expires_in: 86400, token_type: 'Bearer' });
    agent.get(BASE).intercept({ path: '/api/v2/roles', method: 'GET', headers: { authorization: 'Bearer cc-token' } }).reply(200, []).times(3);
    const client = createAuth0Client(settings({ kind: 'client-credentials', clientId: 'id-1', clientSecret: 'secret-1' }), { dispatcher: agent });
    await Promise.all([client.get({ path: '/roles' }), client.get({ path: '/roles' }), client.get({ path: '/roles' })]);
    const form = new URLSearchParams(tokenBody);
    expect(Object.fromEntries(form)).toEqual({ grant_type: 'client_credentials', client_id: 'id-1', client_secret: 'secret-1', audience: `${BASE}/api/v2/` });
    expect(client.counters.tokensIssued).toBe(1);
  });

  it('names the missing scope of a 403 and keeps the token out of the error', async () => {
    agent
      .get(BASE)
      .intercept({ path: '/api/v2/clients?take=5', method: 'GET' })
      .reply(403, { statusCode: 403, error: 'Forbidden', message: 'Insufficient scope, expected any of: read:clients, read:client_summary', errorCode: 'insufficient_scope' });
    const client = createAuth0Client(settings({ kind: 'token', token: 'secret-token-value' }), { dispatcher: agent });
    const error: unknown = await client.get({ path: '/clients', query: { take: 5 } }).catch((caught: unknown) => caught);
    expect(isAuth0Error(error, 'AUTH0_FORBIDDEN')).toBe(true);
    expect(error).toMatchObject({ missingScope: 'read:clients', route: '/clients', status: 403 });
    expect(String((error as Error).message)).toContain('read:clients');
    expect(JSON.stringify(error) + String(error)).not.toContain('secret-token-value');
  });

  it('turns the token endpoint refusing the credentials into a message naming the fix', async () => {
    agent.get(BASE).intercept({ path: '/oauth/token', method: 'POST' }).reply(401, { error: 'access_denied', error_description: 'Unauthorized' });
    const client = createAuth0Client(settings({ kind: 'client-credentials', clientId: 'id', clientSecret: 'wrong' }), { dispatcher: agent });
    await expect(client.get({ path: '/roles' })).rejects.toMatchObject({ code: 'AUTH0_TOKEN', message: expect.stringContaining('AUTH0_CLIENT_SECRET') });
  });

  it('refreshes once and replays once when the API answers 401', async () => {
    const pool = agent.get(BASE);
    pool.intercept({ path: '/oauth/token', method: 'POST' }).reply(200, { access_token: 'old', expires_in: 86400 });
    pool.intercept({ path: '/api/v2/roles', method: 'GET', headers: { authorization: 'Bearer old' } }).reply(401, { statusCode: 401, message: 'Invalid token' });
    pool.intercept({ path: '/oauth/token', method: 'POST' }).reply(200, { access_token: 'new', expires_in: 86400 });
    pool.intercept({ path: '/api/v2/roles', method: 'GET', headers: { authorization: 'Bearer new' } }).reply(200, [{ id: 'rol_1' }]);
    const client = createAuth0Client(settings({ kind: 'client-credentials', clientId: 'id', clientSecret: 's' }), { dispatcher: agent });
    await expect(client.get({ path: '/roles' })).resolves.toEqual([{ id: 'rol_1' }]);
    expect(client.counters.tokensIssued).toBe(2);
  });

  it('gives up after the second 401 with AUTH0_UNAUTHENTICATED', async () => {
    const pool = agent.get(BASE);
    pool.intercept({ path: '/oauth/token', method: 'POST' }).reply(200, { access_token: 'a', expires_in: 86400 }).times(2);
    pool.intercept({ path: '/api/v2/roles', method: 'GET' }).reply(401, { statusCode: 401, message: 'Invalid token' }).times(2);
    const client = createAuth0Client(settings({ kind: 'client-credentials', clientId: 'id', clientSecret: 's' }), { dispatcher: agent });
    await expect(client.get({ path: '/roles' })).rejects.toMatchObject({ code: 'AUTH0_UNAUTHENTICATED', status: 401 });
  });

  it('retries a 503 and reports the attempts in onCall', async () => {
    const pool = agent.get(BASE);
    pool.intercept({ path: '/api/v2/roles', method: 'GET' }).reply(503, { statusCode: 503, error: 'Service Unavailable' });
    pool.intercept({ path: '/api/v2/roles', method: 'GET' }).reply(200, []);
    const client = createAuth0Client(settings({ kind: 'token', token: 't' }), { dispatcher: agent, random: () => 0 });
    const calls: UpstreamCall[] = [];
    await expect(client.get({ path: '/roles', onCall: (call) => calls.push(call) })).resolves.toEqual([]);
    expect(calls).toMatchObject([{ status: 200, attempts: 2 }]);
    expect(client.counters.retries).toBe(1);
  });

  it('does not retry a 404 and maps it to AUTH0_NOT_FOUND', async () => {
    agent.get(BASE).intercept({ path: '/api/v2/roles/rol_x', method: 'GET' }).reply(404, { statusCode: 404, error: 'Not Found', message: 'The role does not exist.' });
    const client = createAuth0Client(settings({ kind: 'token', token: 't' }), { dispatcher: agent });
    await expect(client.get({ path: '/roles/rol_x' })).rejects.toMatchObject({ code: 'AUTH0_NOT_FOUND', route: '/roles/{id}' });
  });

  it('times out a call that brings no signal at its deadline, on a timer of its own', async () => {
    agent.get(BASE).intercept({ path: '/api/v2/roles', method: 'GET' }).reply(200, []).delay(5_000);
    const clock = createFakeClock();
    const client = createAuth0Client(settings({ kind: 'token', token: 't' }), { dispatcher: agent, clock });
    const pending = client.get({ path: '/roles', deadline: clock.now() + 1_000 });
    await clock.settle();
    expect(clock.pendingSleepers).toBe(1);
    const outcome = expect(pending).rejects.toMatchObject({ code: 'AUTH0_TIMEOUT' });
    await clock.advance(1_000);
    await outcome;
  });

  it('leaves the deadline of a call that brings a signal to that signal: no timer of its own', async () => {
    agent.get(BASE).intercept({ path: '/api/v2/roles', method: 'GET' }).reply(200, []).delay(5_000);
    const clock = createFakeClock();
    const client = createAuth0Client(settings({ kind: 'token', token: 't' }), { dispatcher: agent, clock });
    const controller = new AbortController();
    const pending = client.get({ path: '/roles', signal: controller.signal, deadline: clock.now() + 1_000 });
    await clock.settle();
    expect(clock.pendingSleepers).toBe(0);
    const outcome = expect(pending).rejects.toMatchObject({ code: 'AUTH0_TIMEOUT' });
    controller.abort(new Error('deadline'));
    await outcome;
  });

  it('fails with AUTH0_TIMEOUT when the caller aborts an in-flight call', async () => {
    agent.get(BASE).intercept({ path: '/api/v2/roles', method: 'GET' }).reply(200, []).delay(5_000);
    const client = createAuth0Client(settings({ kind: 'token', token: 't' }), { dispatcher: agent });
    const controller = new AbortController();
    const pending = client.get({ path: '/roles', signal: controller.signal });
    setImmediate(() => controller.abort());
    await expect(pending).rejects.toMatchObject({ code: 'AUTH0_TIMEOUT' });
  });
});
