import { Writable } from 'node:stream';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.ts';
import { useCallerAuth } from '../../src/plugins/use-caller-auth.ts';
import { useRequestId } from '../../src/plugins/use-request-id.ts';
import { useRequestLogging } from '../../src/plugins/use-request-logging.ts';
import { loggerConfig } from '../helpers/logger-config.ts';

const API_KEY = 'k_live_0123456789abcdef';
const CLIENT_SECRET = 'seeded-client-secret-value';

const config = loggerConfig({ clientSecret: CLIENT_SECRET, apiKeys: [API_KEY] });

/** A logger writing into `lines`, one JSON line each. */
function collecting(lines: string[]) {
  return createLogger(
    config,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(...chunk.toString().split('\n').filter((l) => l.length > 0));
        callback();
      },
    }),
  );
}

describe('useRequestLogging', () => {
  it('logs one line per request with id, caller kind and operation, and nothing secret', async () => {
    const lines: string[] = [];
    const logger = collecting(lines);
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { user(email: String): String }',
        resolvers: { Query: { user: (_root, args: { email?: string }) => args.email ?? null } },
      }),
      plugins: [useRequestId(), useCallerAuth({ ...config.callers, onReject: () => {} }), useRequestLogging({ logger })],
      logging: false,
    });
    const post = (headers: Record<string, string>) =>
      yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-7', ...headers },
        body: JSON.stringify({ query: 'query Lookup($e: String) { user(email: $e) }', operationName: 'Lookup', variables: { e: 'ana@example.org' } }),
      });
    expect((await post({ 'x-api-key': API_KEY })).status).toBe(200);
    expect((await post({ authorization: `Bearer ${CLIENT_SECRET}` })).status).toBe(401);

    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      msg: 'request',
      requestId: 'req-7',
      method: 'POST',
      path: '/graphql',
      status: 200,
      caller: 'api-key',
      operation: 'Lookup',
    });
    expect(JSON.parse(lines[1] ?? '{}')).toMatchObject({ status: 401, requestId: 'req-7' });
    expect(JSON.parse(lines[0] ?? '{}')).not.toHaveProperty('streamed');
    const all = lines.join('\n');
    for (const secret of [API_KEY, CLIENT_SECRET, 'ana@example.org']) expect(all).not.toContain(secret);
  });

  it('logs a streamed answer once, marked as streamed', async () => {
    const lines: string[] = [];
    const yoga = createYoga({
      schema: createSchema({ typeDefs: 'type Query { items: [Int] }', resolvers: { Query: { items: () => [1, 2, 3] } } }),
      plugins: [useDeferStream(), useRequestId(), useRequestLogging({ logger: collecting(lines) })],
      logging: false,
    });
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
      body: JSON.stringify({ query: 'query Items { items @stream(initialCount: 1) }', operationName: 'Items' }),
    });
    await response.text();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ msg: 'request', status: 200, operation: 'Items', streamed: true });
  });
});
