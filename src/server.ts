import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { createYoga, maskError } from 'graphql-yoga';
import type { Plugin, YogaServerInstance } from 'graphql-yoga';
import { createAuth0Client } from './auth0/index.ts';
import type { Auth0Client } from './auth0/types.ts';
import { createResponseCache } from './cache/response-cache.ts';
import { withResponseCache } from './cache/with-response-cache.ts';
import type { Config } from './config-types.ts';
import { createContext } from './context.ts';
import type { Context } from './context.ts';
import { publicErrorOf } from './resolvers/errors.ts';
import { schema } from './schema/index.ts';

export interface AppDeps {
  /** The upstream client; by default one per process from `config.auth0`, its rate limiter inside. */
  readonly auth0?: Auth0Client;
}

export interface App {
  fetch(request: Request): Promise<Response>;
  /** Binds `config.host:config.port` (0: an ephemeral port) and resolves with the real URL. */
  listen(): Promise<{ url: string }>;
  close(): Promise<void>;
  readonly yoga: YogaServerInstance<Record<string, never>, Context>;
}

/**
 * Upstream failures become typed public errors once, here at the edge (DESIGN.md decision 5); anything
 * else keeps yoga's masking ("Unexpected error."), so no Auth0 body, token or stack reaches a caller.
 */
function maskUpstreamError(error: unknown, message: string, isDev?: boolean): Error {
  const located = isGraphQLError(error) ? error : undefined;
  const original = located ? located.originalError : error;
  if (located && isGraphQLError(original)) return located;
  const mapped = publicErrorOf(original);
  if (mapped === undefined) return maskError(error, message, isDev);
  return new GraphQLError(mapped.message, { nodes: located?.nodes, path: located?.path, extensions: mapped.extensions });
}

/**
 * By name, not `instanceof`: graphql ships CJS and ESM builds, and under some loaders the executor and this
 * module hold different copies of the class.
 */
function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === 'GraphQLError';
}

/** `x-auth0-graph-debug: 1` adds `extensions.upstream`: every call the request made or the cache answered. */
function useUpstreamReport(): Plugin<Context> {
  return {
    onExecute({ args }) {
      const context = args.contextValue as Context;
      if (!context.debug) return undefined;
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          const upstream = { calls: context.upstream.calls(), entries: context.upstream.entries() };
          setResult({ ...result, extensions: { ...result.extensions, upstream } });
        },
      };
    },
  };
}

/** The composition root: one Auth0 client (limiter inside) and one response cache per process. */
export function createApp(config: Config, deps: AppDeps = {}): App {
  const upstream = deps.auth0 ?? createAuth0Client(config.auth0);
  const cache = createResponseCache({ ttlMs: config.cacheTtlSeconds * 1000, tenant: config.auth0.domain });
  const auth0 = withResponseCache(upstream, cache);
  const yoga = createYoga<Record<string, never>, Context>({
    schema,
    context: ({ request }) => createContext({ auth0, timeoutMs: config.timeoutMs, maxUpstreamCalls: Math.max(10, config.maxUpstreamCalls) }, request),
    maskedErrors: { maskError: maskUpstreamError },
    graphiql: true,
    plugins: [useUpstreamReport()],
  });
  const server = createServer(yoga);
  return {
    yoga,
    fetch: (request) => Promise.resolve(yoga.fetch(request)),
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ url: `http://${host}:${address.port}` });
        });
      }),
    close: async () => {
      if (server.listening) {
        await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      }
      await upstream.close();
      await cache.close();
    },
  };
}
