import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { useCallerAuth } from '../../src/plugins/use-caller-auth.ts';
import { getRequestId, useRequestId } from '../../src/plugins/use-request-id.ts';

function app() {
  const seen: (string | undefined)[] = [];
  const yoga = createYoga({
    schema: createSchema({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } }),
    context: ({ request }) => {
      seen.push(getRequestId(request));
      return {};
    },
    plugins: [useRequestId(), useCallerAuth({ apiKeys: ['key'], jwt: undefined, allowAnonymous: false })],
  });
  const query = (headers: Record<string, string>) =>
    yoga.fetch('http://yoga/graphql?query=%7Bok%7D', { headers: { accept: 'application/json', ...headers } });
  return { query, seen };
}

describe('useRequestId', () => {
  it('gives each request a fresh id, visible to the context and on the response', async () => {
    const { query, seen } = app();
    const first = await query({ 'x-api-key': 'key' });
    const second = await query({ 'x-api-key': 'key' });
    const ids = [first.headers.get('x-request-id'), second.headers.get('x-request-id')];
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).not.toBe(ids[0]);
    expect(seen).toEqual(ids);
  });

  it("keeps a caller's safe id and replaces one that could forge log lines", async () => {
    const { query } = app();
    const kept = await query({ 'x-api-key': 'key', 'x-request-id': 'dash-42.a:b' });
    expect(kept.headers.get('x-request-id')).toBe('dash-42.a:b');
    const replaced = await query({ 'x-api-key': 'key', 'x-request-id': 'x"} {"level":"fatal' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the id on refusals too', async () => {
    const { query } = app();
    const refused = await query({ 'x-request-id': 'r-1' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toBe('r-1');
  });
});
