import type { Plugin } from 'graphql-yoga';
import type { Context } from '../resolvers/context.ts';

/** `x-auth0-graph-debug: 1` adds `extensions.upstream`: every call the request made or the cache answered. */
export function useUpstreamReport(): Plugin<Context> {
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
