import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isIncremental } from '../resolvers/incremental.ts';
import type { DocumentResponseCache } from './document-response-cache.ts';
import { documentText } from './document-text.ts';

/**
 * Serves a query's whole answer from `cache` when the same document and variables were answered without
 * errors within the TTL. It hooks execution, so caller authentication, trusted documents, abuse limits and
 * validation have all run for this request first; install it after `useUpstreamReport`, whose hook then
 * reports a hit as the zero upstream calls it cost.
 */
export function useResponseCache(cache: DocumentResponseCache): Plugin<{ readonly debug: boolean }> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (!cache.enabled) return undefined;
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return undefined;
      // An answer in parts is neither stored whole nor replayed as one: the caller asked to see rows arrive.
      if (isIncremental(args.document, args.variableValues)) return undefined;
      const request = {
        document: documentText(args.document),
        operationName: args.operationName,
        variables: args.variableValues,
        debug: args.contextValue.debug,
      };
      const epoch = cache.epoch();
      const cached = cache.get(request);
      if (cached !== undefined) {
        setResultAndStopExecution(cached);
        return undefined;
      }
      return {
        onExecuteDone({ result }) {
          if (!(Symbol.asyncIterator in result)) cache.set(request, result, epoch);
        },
      };
    },
  };
}
