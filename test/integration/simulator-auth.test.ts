import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GRANTED_SCOPES } from '../../src/simulator/auth/management-scopes.ts';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ size: { users: 60, organizations: 4, largestOrganizationMembers: 20 } });
});
afterAll(() => sim.close());

async function token(body: Record<string, string>, json = false): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sim.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
    body: json ? JSON.stringify(body) : new URLSearchParams(body).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const grant = (clientId: string, clientSecret: string): Record<string, string> => ({
  grant_type: 'client_credentials',
  client_id: clientId,
  client_secret: clientSecret,
  audience: `https://${sim.domain}/api/v2/`,
});

async function get(path: string, authorization?: string): Promise<{ status: number; body: unknown; type: string | null }> {
  const res = await fetch(`${sim.url}/api/v2${path}`, { headers: authorization === undefined ? {} : { authorization } });
  return { status: res.status, body: await res.json(), type: res.headers.get('content-type') };
}

const INVALID_TOKEN = { statusCode: 401, error: 'Unauthorized', message: 'Invalid token', attributes: { error: 'Invalid token' } };

describe('POST /oauth/token', () => {
  it('issues an RS256 Management API token with the granted scopes, from a form or a JSON body', async () => {
    for (const json of [false, true]) {
      const res = await token(grant(sim.credentials.clientId, sim.credentials.clientSecret), json);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ expires_in: 86400, token_type: 'Bearer', scope: DEFAULT_GRANTED_SCOPES.join(' ') });
      const [header, payload] = String(res.body.access_token).split('.');
      expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toMatchObject({ alg: 'RS256' });
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
      expect(claims).toMatchObject({
        iss: `https://${sim.domain}/`,
        sub: `${sim.credentials.clientId}@clients`,
        aud: `https://${sim.domain}/api/v2/`,
        gty: 'client-credentials',
        azp: sim.credentials.clientId,
      });
      expect(Number(claims.exp) - Number(claims.iat)).toBe(86400);
      expect(String(claims.scope)).not.toContain('read:client_keys');
    }
  });

  it('answers bad credentials with 401 access_denied Unauthorized', async () => {
    const res = await token(grant(sim.credentials.clientId, 'wrong'));
    expect(res).toEqual({ status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } });
    expect((await token(grant('nobody', 'x'))).status).toBe(401);
  });

  it('answers a client without a grant with the real 403 message', async () => {
    const app = sim.addMachineClient({ scopes: ['read:users'], granted: false });
    const res = await token(grant(app.clientId, app.clientSecret));
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: 'access_denied',
      error_description: `Client is not authorized to access "https://${sim.domain}/api/v2/". You need to create a "client-grant" associated to this API. See: https://auth0.com/docs/api/v2#!/Client_Grants/post_client_grants`,
    });
  });

  it('answers a client without the client_credentials grant type with unauthorized_client', async () => {
    const app = sim.addMachineClient({ scopes: ['read:users'], grantTypes: ['authorization_code'] });
    const res = await token(grant(app.clientId, app.clientSecret));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'unauthorized_client', error_description: "Grant type 'client_credentials' not allowed for the client." });
  });

  it('gives an added machine client exactly its granted scopes', async () => {
    const app = sim.addMachineClient({ scopes: ['read:users', 'read:roles'] });
    const res = await token(grant(app.clientId, app.clientSecret));
    expect(res.body.scope).toBe('read:users read:roles');
  });

  it('can be taken down (503) or drop the connection', async () => {
    sim.faults.tokenEndpointDown = true;
    expect((await token(grant(sim.credentials.clientId, sim.credentials.clientSecret))).status).toBe(503);
    sim.faults.tokenEndpointDown = 'drop';
    await expect(token(grant(sim.credentials.clientId, sim.credentials.clientSecret))).rejects.toThrow();
    sim.faults.reset();
    expect(sim.tokenCalls.count({ status: 503 })).toBe(1);
  });

  it('serves the signing key as a JWKS', async () => {
    const jwks = (await (await fetch(`${sim.url}/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
  });
});

describe('bearer and scope checks on /api/v2', () => {
  it('answers a missing, garbage, forged or expired token with 401 Invalid token as JSON', async () => {
    const forged = sim.issueToken(['read:users']).replace(/\.[^.]+$/, '.AAAA');
    for (const authorization of [undefined, 'Bearer nonsense', `Bearer ${forged}`, `Bearer ${sim.issueToken(['read:users'], { expiresInSeconds: -5 })}`]) {
      const res = await get('/users', authorization);
      expect(res.status).toBe(401);
      expect(res.body).toEqual(INVALID_TOKEN);
      expect(res.type).toBe('application/json; charset=utf-8');
    }
  });

  it('answers a non-Bearer Authorization header with 400', async () => {
    const res = await get('/users', 'Basic dXNlcjpwYXNz');
    expect(res).toMatchObject({ status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Bad HTTP authentication header format' } });
  });

  it('rejects revoked tokens but accepts ones issued afterwards', async () => {
    const old = sim.issueToken(['read:users']);
    expect((await get('/users', `Bearer ${old}`)).status).toBe(200);
    sim.faults.revokeAllTokens();
    expect((await get('/users', `Bearer ${old}`)).status).toBe(401);
    expect((await get('/users', `Bearer ${sim.issueToken(['read:users'])}`)).status).toBe(200);
  });

  it('answers a missing scope with the 403 insufficient_scope body, "any of" or "all of" as the OAS says', async () => {
    const bearer = `Bearer ${sim.issueToken(['read:roles'])}`;
    expect(await get('/users', bearer)).toMatchObject({
      status: 403,
      body: { statusCode: 403, error: 'Forbidden', message: 'Insufficient scope, expected any of: read:users, read:user_idp_tokens', errorCode: 'insufficient_scope' },
    });
    const role = sim.tenant.roles[0];
    expect(await get(`/roles/${role?.id}/users`, bearer)).toMatchObject({
      status: 403,
      body: { message: 'Insufficient scope, expected all of: read:users, read:roles', errorCode: 'insufficient_scope' },
    });
    expect((await get(`/roles/${role?.id}`, bearer)).status).toBe(200);
  });

  it('answers unknown routes with the generic 404', async () => {
    const res = await get('/no-such-thing', `Bearer ${sim.issueToken(['read:users'])}`);
    expect(res).toEqual({ status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Not Found' }, type: 'application/json; charset=utf-8' });
  });
});
