import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, startSecuredApp } from './security-app.ts';
import type { SecuredApp } from './security-app.ts';

/** Issue 5's "done when", through the fully wired app; every response body is kept for the secret scan. */
const ISSUER = 'https://callers.example.test/';
const AUDIENCE = 'https://auth0-graph.example.test';
const responses: string[] = [];

let jwks: Server;
let signingKey: CryptoKey;
let secured: SecuredApp;
let persisted: SecuredApp;
let directory: string;
const LISTED = '{ tenantStats { activeUsers } }';

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwks = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
  directory = mkdtempSync(join(tmpdir(), 'auth0-graph-trusted-'));
  const file = join(directory, 'trusted.json');
  writeFileSync(file, JSON.stringify([LISTED]));
  [secured, persisted] = await Promise.all([
    startSecuredApp(() => ({ callers: { apiKeys: [API_KEY], jwt: { issuer: ISSUER, audience: AUDIENCE, jwksUrl }, allowAnonymous: false } })),
    startSecuredApp(() => ({ persistedOperationsFile: file })),
  ]);
});

afterAll(async () => {
  await Promise.all([secured.close(), persisted.close(), new Promise((resolve) => jwks.close(resolve))]);
  rmSync(directory, { recursive: true, force: true });
});

beforeEach(() => {
  secured.sim.calls.clear();
  persisted.sim.calls.clear();
});

async function post(app: SecuredApp, query: string, headers?: Record<string, string>) {
  const result = await app.post(query, undefined, headers);
  responses.push(result.text);
  return result;
}

function jwt(claims: { audience?: string; expiresIn?: string | number } = {}): Promise<string> {
  return new SignJWT({ scope: 'read:graph' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(ISSUER)
    .setSubject('dashboard@clients')
    .setAudience(claims.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '5m')
    .sign(signingKey);
}

const STATS = '{ tenantStats { activeUsers } }';

describe('caller authentication', () => {
  it.each([
    ['no credentials', {}],
    ['a wrong API key', { authorization: 'Bearer not-the-key-0123456789' }],
    ['a wrong x-api-key', { 'x-api-key': 'not-the-key-0123456789' }],
  ])('refuses %s with 401, a GraphQL-shaped error and no data', async (_name, headers) => {
    const { status, body } = await post(secured, STATS, headers);
    expect(status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(secured.sim.calls.count()).toBe(0);
  });

  it('serves a valid API key in either header', async () => {
    const presented: Record<string, string>[] = [{ authorization: `Bearer ${API_KEY}` }, { 'x-api-key': API_KEY }];
    for (const headers of presented) {
      const { status, body } = await post(secured, STATS, headers);
      expect(status).toBe(200);
      expect(body.data).toEqual({ tenantStats: { activeUsers: secured.sim.tenant.activeUsers } });
    }
  });

  it('serves a valid JWT and refuses an expired or wrong-audience one', async () => {
    const valid = await post(secured, STATS, { authorization: `Bearer ${await jwt()}` });
    expect(valid.status).toBe(200);
    expect(valid.body.data).toEqual({ tenantStats: { activeUsers: secured.sim.tenant.activeUsers } });
    const expiredAt = Math.floor(Date.now() / 1000) - 3600;
    for (const token of [await jwt({ expiresIn: expiredAt }), await jwt({ audience: 'https://someone-else.example.test' })]) {
      secured.sim.calls.clear();
      const { status, body } = await post(secured, STATS, { authorization: `Bearer ${token}` });
      expect(status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(secured.sim.calls.count()).toBe(0);
    }
  });
});

describe('abuse limits refuse before any upstream call', () => {
  it('a query 20 levels deep', async () => {
    // organizations > edges > node, then members > edges > node > organization four times over, then name: 20 levels.
    const hop = (inner: string): string => `members { edges { node { organization { ${inner} } } } }`;
    const twenty = `{ organizations { edges { node { ${hop(hop(hop(hop('name'))))} } } } }`;
    const { body } = await post(secured, twenty);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]).toMatchObject({ message: 'Query depth limit of 15 exceeded, found 20.', extensions: { code: 'QUERY_LIMIT', limit: 'depth' } });
    expect(secured.sim.calls.count()).toBe(0);
  });

  it('500 aliases', async () => {
    const { body } = await post(secured, `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: tenantStats { activeUsers }`).join(' ')} }`);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_LIMIT' });
    expect(secured.sim.calls.count()).toBe(0);
  });

  it('a 1 MB body', async () => {
    const { status, body } = await post(secured, `{ tenantStats { activeUsers } } # ${'x'.repeat(1024 * 1024)}`);
    expect(status).toBe(413);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(secured.sim.calls.count()).toBe(0);
  });
});

describe('trusted documents', () => {
  it('a persisted-only server runs a listed query and refuses an unlisted one', async () => {
    const listed = await post(persisted, LISTED);
    expect(listed.body.data).toEqual({ tenantStats: { activeUsers: persisted.sim.tenant.activeUsers } });
    persisted.sim.calls.clear();
    const unlisted = await post(persisted, '{ organizations(first: 1) { edges { node { name } } } }');
    expect(unlisted.status).toBe(400);
    expect(unlisted.body.errors?.[0]?.extensions).toMatchObject({ code: 'PERSISTED_QUERY_NOT_IN_LIST' });
    expect(persisted.sim.calls.count()).toBe(0);
  });
});

describe('secrets never leave', () => {
  it('no log line or response holds a seeded secret, signing key, token or API key', async () => {
    const broad = [
      '{ clients(first: 20) { edges { node { clientId name appType grantTypes clientMetadata } } } }',
      '{ identityConnections(first: 20) { edges { node { connectionId name strategy metadata } } } }',
      '{ organizations(first: 3) { edges { node { name invitations { edges { node { inviteeEmail roleIds } } } enabledConnections { edges { node { connection { name } } } } } } } }',
      '{ users(first: 20) { edges { node { userId email identities { connection provider isSocial } appMetadata userMetadata } } } }',
      '{ roles(first: 5) { edges { node { name permissions { edges { node { permissionName } } } } } } }',
      '{ user(userId: "auth0|does-not-exist") { email } }',
      '{ users(first: 500) { edges { node { userId } } } }',
      '{ node(id: "garbage") { id } }',
      '{ nosuchfield }',
      '{ users(search: "email:(") { edges { node { userId } } } }',
    ];
    for (const query of broad) {
      await post(secured, query);
      await post(secured, query, { 'x-api-key': API_KEY, 'x-auth0-graph-debug': '1' });
    }
    const secrets = [
      secured.sim.credentials.clientSecret,
      API_KEY,
      ...secured.sim.tenant.clients.flatMap((client) => [client.client_secret, ...client.signing_keys.map((key) => key.cert)]),
      ...secured.sim.tenant.resourceServers.flatMap((server) => (server.signing_secret === undefined ? [] : [server.signing_secret])),
    ];
    const everything = [...responses, ...secured.logs, ...persisted.logs];
    expect(secured.logs.length).toBeGreaterThan(broad.length);
    for (const text of everything) {
      for (const secret of secrets) expect(text.includes(secret), `a secret in: ${text.slice(0, 200)}`).toBe(false);
      // Management API access tokens and caller JWTs alike are JWTs.
      expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\./);
      expect(text).not.toMatch(/-----BEGIN/);
    }
  });
});
