import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { parseTrustedDocuments, sha256Hex, TrustedDocumentsError } from '../../src/plugins/trusted-documents.ts';
import { useTrustedDocuments } from '../../src/plugins/use-trusted-documents.ts';

const SEATS = 'query Seats { seats }';
const SEATS_HASH = sha256Hex(SEATS);

function app() {
  const calls = { count: 0 };
  const dir = mkdtempSync(join(tmpdir(), 'trusted-'));
  const file = join(dir, 'persisted-documents.json');
  writeFileSync(file, JSON.stringify({ [SEATS_HASH]: SEATS }));
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: 'type Query { seats: Int secrets: String }',
      resolvers: {
        Query: {
          seats: () => {
            calls.count += 1;
            return 42;
          },
          secrets: () => {
            calls.count += 1;
            return 'x';
          },
        },
      },
    }),
    plugins: [useTrustedDocuments({ file })],
  });
  const post = async (body: object) => {
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: object }[] } };
  };
  return { post, calls };
}

describe('useTrustedDocuments', () => {
  it('runs a listed document by hash', async () => {
    const { post } = app();
    const { body } = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: SEATS_HASH } } });
    expect(body).toEqual({ data: { seats: 42 } });
  });

  it('runs a listed document sent verbatim', async () => {
    const { post } = app();
    expect((await post({ query: SEATS })).body).toEqual({ data: { seats: 42 } });
  });

  it('refuses an unlisted query before it runs', async () => {
    const { post, calls } = app();
    const { status, body } = await post({ query: '{ secrets }' });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'PERSISTED_QUERY_NOT_IN_LIST' });
    const unknownHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex('{ secrets }') } } });
    expect(unknownHash.body.errors?.[0]?.extensions).toMatchObject({ code: 'PERSISTED_QUERY_NOT_IN_LIST' });
    const nothing = await post({});
    expect(nothing.body.errors?.[0]?.extensions).toMatchObject({ code: 'PERSISTED_QUERY_ID_REQUIRED' });
    expect(calls.count).toBe(0);
  });

  it('refuses to start from a file that is not a list of documents', () => {
    expect(() => parseTrustedDocuments('{"abc": 3}')).toThrow(TrustedDocumentsError);
    expect(() => parseTrustedDocuments('nope')).toThrow(TrustedDocumentsError);
    expect(() => useTrustedDocuments({ file: join(tmpdir(), 'does-not-exist.json') })).toThrow(TrustedDocumentsError);
    expect(parseTrustedDocuments(JSON.stringify([SEATS])).get(SEATS_HASH)).toBe(SEATS);
  });
});
