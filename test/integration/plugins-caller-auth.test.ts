import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createYoga, createSchema } from 'graphql-yoga';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallerAuthConfigError, getCaller, useCallerAuth } from '../../src/plugins/use-caller-auth.ts';
import type { CallerAuthOptions, RejectReason } from '../../src/plugins/use-caller-auth.ts';
import type { Caller } from '../../src/resolvers/context.ts';

const ISSUER = 'https://callers.example/';
const AUDIENCE = 'https://auth0-graph.example/';
const API_KEY = 'k_live_4f1c2d9e8b7a6f5e';

let jwksServer: Server;
let jwksUrl: string;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;

function serveJwks(jwk: JWK): Promise<Server> {
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwksServer = await serveJwks(jwk);
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
});

afterAll(() => new Promise<void>((resolve) => jwksServer.close(() => resolve())));

interface Claims {
  readonly aud?: string;
  readonly iss?: string;
  readonly expiresIn?: string | number;
  readonly key?: CryptoKey;
}

function sign({ aud = AUDIENCE, iss = ISSUER, expiresIn = '5m', key = signingKey }: Claims = {}): Promise<string> {
  return new SignJWT({ scope: 'graph:read' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setSubject('dashboard@clients')
    .setIssuer(iss)
    .setAudience(aud)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}

function app(options: Partial<CallerAuthOptions> = {}) {
  const rejected: RejectReason[] = [];
  const seen: (Caller | undefined)[] = [];
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: 'type Query { secret: String }',
      resolvers: { Query: { secret: () => 'tenant data' } },
    }),
    context: ({ request }) => {
      seen.push(getCaller(request));
      return {};
    },
    plugins: [
      useCallerAuth({
        apiKeys: [API_KEY],
        jwt: { issuer: ISSUER, audience: AUDIENCE, jwksUrl },
        allowAnonymous: false,
        onReject: (reason) => rejected.push(reason),
        ...options,
      }),
    ],
  });
  const query = (headers: Record<string, string> = {}) =>
    yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ secret }' }),
    });
  return { yoga, query, rejected, seen };
}

async function expectRefused(response: Response): Promise<void> {
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toBe('Bearer');
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).not.toHaveProperty('data');
  expect(body).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  expect(JSON.stringify(body)).not.toContain('tenant data');
}

describe('useCallerAuth', () => {
  it('refuses an anonymous request with 401 and no data', async () => {
    const { query, rejected } = app();
    await expectRefused(await query());
    expect(rejected).toEqual(['missing-credentials']);
  });

  it('refuses a wrong API key, in either header', async () => {
    const { query, rejected } = app();
    await expectRefused(await query({ 'x-api-key': `${API_KEY}x` }));
    await expectRefused(await query({ authorization: 'Bearer nope' }));
    expect(rejected).toEqual(['unknown-api-key', 'unknown-api-key']);
  });

  it('accepts the API key as x-api-key or as a Bearer token', async () => {
    const { query, seen } = app();
    const variants: Record<string, string>[] = [{ 'x-api-key': API_KEY }, { authorization: `Bearer ${API_KEY}` }];
    for (const headers of variants) {
      const response = await query(headers);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { secret: 'tenant data' } });
    }
    expect(seen).toEqual([
      { kind: 'api-key', keyIndex: 0 },
      { kind: 'api-key', keyIndex: 0 },
    ]);
  });

  it('accepts a valid JWT from the configured issuer and audience', async () => {
    const { query, seen } = app();
    const response = await query({ authorization: `Bearer ${await sign()}` });
    expect(await response.json()).toEqual({ data: { secret: 'tenant data' } });
    expect(seen).toEqual([{ kind: 'jwt', subject: 'dashboard@clients', scopes: ['graph:read'] }]);
  });

  it.each<[string, () => Claims, string]>([
    ['expired', () => ({ expiresIn: Math.floor(Date.now() / 1000) - 3600 }), 'jwt:ERR_JWT_EXPIRED'],
    ['for another audience', () => ({ aud: 'https://someone-else.example/' }), 'jwt:ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['from another issuer', () => ({ iss: 'https://evil.example/' }), 'jwt:ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['signed by an unknown key', () => ({ key: strangerKey }), 'jwt:ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
  ])('refuses a JWT %s', async (_label, claims, reason) => {
    const { query, rejected } = app();
    const token = await sign(claims());
    await expectRefused(await query({ authorization: `Bearer ${token}` }));
    expect(rejected).toEqual([reason]);
  });

  it('lets anonymous callers in only when asked to, and still refuses wrong credentials', async () => {
    const { query, seen } = app({ apiKeys: [], jwt: undefined, allowAnonymous: true });
    expect(await (await query()).json()).toEqual({ data: { secret: 'tenant data' } });
    expect(seen).toEqual([{ kind: 'anonymous' }]);
    await expectRefused(await query({ 'x-api-key': 'guess' }));
  });

  it('serves probes and the GraphiQL page without credentials, but not GraphQL over GET', async () => {
    const { yoga } = app();
    expect((await yoga.fetch('http://yoga/health')).status).toBe(200);
    const page = await yoga.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).not.toContain('tenant data');
    const viaGet = await yoga.fetch('http://yoga/graphql?query=%7Bsecret%7D', { headers: { accept: 'application/json' } });
    await expectRefused(viaGet);
  });

  it('refuses to be built with no way to authenticate callers', () => {
    expect(() => useCallerAuth({ apiKeys: [], jwt: undefined, allowAnonymous: false })).toThrow(CallerAuthConfigError);
  });
});
