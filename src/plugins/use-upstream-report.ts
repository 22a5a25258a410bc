import type { Plugin } from 'graphql-yoga';
import type { Context } from '../resolvers/context.ts';

/**
 * `x-auth0-graph-debug: 1` adds `extensions.upstream`: every call the request made or the cache answered. An
 * answer in parts carries it on its last part, when every call is known.
 */
export function useUpstreamReport(): Plugin<Context> {
  return {
    onExecute({ args }) {
      const context = args.contextValue as Context;
      if (!context.debug) return undefined;
      const report = () => ({ calls: context.upstream.calls(), entries: context.upstream.entries() });
      return {
        onExecuteDone({ result, setResult }) {
          if (!(Symbol.asyncIterator in result)) {
            setResult({ ...result, extensions: { ...result.extensions, upstream: report() } });
            return undefined;
          }
          return {
            onNext({ result: part, setResult: setPart }) {
              if ('hasNext' in part && part.hasNext === false) setPart({ ...part, extensions: { ...part.extensions, upstream: report() } });
            },
          };
        },
      };
    },
  };
}
