import type { Plugin } from 'graphql-yoga';
import { createContext } from '../resolvers/context.ts';
import type { ContextDeps } from '../resolvers/context.ts';
import { operationShape } from './operation-shape.ts';
import { getCaller } from './use-caller-auth.ts';
import type { DeadlineContext } from './use-deadline.ts';
import type { TracingContext } from './use-tracing.ts';

/**
 * Builds the GraphQL context after `useDeadline`, `useCallerAuth` and `useTracing` ran, so every upstream call
 * carries the one deadline signal of the request, its span as parent, and resolvers can see who is asking.
 */
export function useGraphContext(deps: ContextDeps): Plugin<DeadlineContext & TracingContext> {
  return {
    onContextBuilding({ context, extendContext }) {
      const { request, deadline, traceParent, params } = context;
      extendContext(createContext(deps, { request, deadline, caller: getCaller(request), traceParent, shape: operationShape(params) }));
    },
  };
}
