import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { QueryLimits } from '../../src/config-types.ts';
import { useAbuseLimits } from '../../src/plugins/use-abuse-limits.ts';
import { useBodyLimit } from '../../src/plugins/use-body-limit.ts';

interface GraphQLBody {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

// The limits a server gets when none is set: the tests below are about the defaults as much as the plugins.
const { limits: DEFAULTS } = loadConfig({ env: { AUTH0_DOMAIN: 'acme.eu.auth0.com', AUTH0_TOKEN: 'static-token' } }).config;

function app(overrides: Partial<QueryLimits> = {}) {
  const limits = { ...DEFAULTS, ...overrides };
  const calls = { count: 0 };
  const node = (): object => {
    calls.count += 1;
    return { name: 'n', child: node };
  };
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: 'type Query { node: Node } type Node { name: String child: Node }',
      resolvers: { Query: { node }, Node: { child: () => ({ name: 'n' }) } },
    }),
    plugins: [useBodyLimit({ maxBytes: limits.maxBodyBytes }), useAbuseLimits(limits)],
  });
  const post = async (query: string, operationName?: string) => {
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query, operationName }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLBody };
  };
  return { yoga, post, calls };
}

function nested(depth: number): string {
  return `{ node ${'{ child '.repeat(depth - 2)}{ name }${' }'.repeat(depth - 2)} }`;
}

const servers: { close: () => void }[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

describe('useAbuseLimits', () => {
  it('runs a query within every limit', async () => {
    const { post, calls } = app();
    const { status, body } = await post(`query A ${nested(15)} query B { a: node { name } }`, 'A');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(calls.count).toBe(1);
  });

  it('refuses a depth-20 query before any resolver runs', async () => {
    const { post, calls } = app();
    const { status, body } = await post(nested(20));
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      {
        message: 'Query depth limit of 15 exceeded, found 20.',
        extensions: expect.objectContaining({ code: 'QUERY_LIMIT', limit: 'depth', max: 15 }),
      },
    ]);
    expect(calls.count).toBe(0);
  });

  it('refuses 500 aliases', async () => {
    const { post, calls } = app();
    const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: node { name }`).join(' ');
    // 500 aliases are ~2,500 tokens: raise the token limit so the alias rule is the one that answers.
    const { body } = await app({ maxTokens: 10_000 }).post(`{ ${aliases} }`);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_LIMIT', limit: 'aliases', max: 100 });
    expect(body.errors?.[0]?.message).toMatch(/Aliases limit of 100 exceeded/);
    const withDefaults = await post(`{ ${aliases} }`);
    expect(withDefaults.status).toBe(400);
    expect(withDefaults.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_LIMIT', limit: 'tokens' });
    expect(calls.count).toBe(0);
  });

  it('refuses too many directives and too many operations', async () => {
    const { post, calls } = app({ maxDirectives: 3, maxOperations: 2 });
    const directives = await post('{ node { name @include(if: true) @include(if: true) @skip(if: false) @skip(if: false) } }');
    expect(directives.body.errors?.map((e) => e.extensions?.['limit'])).toContain('directives');
    const operations = await post('query A { node { name } } query B { node { name } } query C { node { name } }', 'A');
    expect(operations.body.errors?.map((e) => e.extensions)).toEqual([
      expect.objectContaining({ code: 'QUERY_LIMIT', limit: 'operations', max: 2 }),
    ]);
    expect(calls.count).toBe(0);
  });

  it('honours overridden limits', async () => {
    const { post } = app({ maxDepth: 25 });
    expect((await post(nested(20))).body.errors).toBeUndefined();
  });
});

describe('useBodyLimit', () => {
  const megabyteQuery = `{ node { name } } # ${'x'.repeat(1024 * 1024)}`;

  it('refuses a 1 MB body without a content-length, before parsing', async () => {
    const { post, calls } = app();
    const { status, body } = await post(megabyteQuery);
    expect(status).toBe(413);
    expect(body).toEqual({
      errors: [{ message: 'Request body larger than 102400 bytes.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
    expect(calls.count).toBe(0);
  });

  it('refuses a 1 MB body over real HTTP by its content-length', async () => {
    const { yoga, calls } = app();
    const server = createServer(yoga);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: megabyteQuery }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as GraphQLBody).errors?.[0]?.extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE' });
    expect(calls.count).toBe(0);
  });

  it('counts a chunked body over real HTTP: answered within the limit, 413 past it', async () => {
    const { yoga } = app({ maxBodyBytes: 2_000 });
    const server = createServer(yoga);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const chunked = (body: string) =>
      new Promise<{ status: number; body: GraphQLBody }>((resolve, reject) => {
        const request = httpRequest({ port, host: '127.0.0.1', method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' } }, (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as GraphQLBody }));
        });
        request.on('error', reject);
        // Written in pieces with no content-length, so Node sends it chunked and the plugin must count it.
        for (let at = 0; at < body.length; at += 500) request.write(body.slice(at, at + 500));
        request.end();
      });
    const small = await chunked(JSON.stringify({ query: `{ node { name } } # ${'x'.repeat(1_000)}` }));
    expect(small).toEqual({ status: 200, body: { data: { node: { name: 'n' } } } });
    const large = await chunked(JSON.stringify({ query: `{ node { name } } # ${'x'.repeat(3_000)}` }));
    expect(large.status).toBe(413);
    expect(large.body.errors?.[0]?.extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('lets a body at the limit through', async () => {
    const query = '{ node { name } }';
    const padding = 200 - JSON.stringify({ query: `${query} # ` }).length;
    const { post } = app({ maxBodyBytes: 200 });
    const { status } = await post(`${query} # ${'x'.repeat(padding)}`);
    expect(status).toBe(200);
  });
});
