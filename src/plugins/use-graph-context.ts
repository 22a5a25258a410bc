import type { Plugin } from 'graphql-yoga';
import { createContext } from '../resolvers/context.ts';
import type { ContextDeps } from '../resolvers/context.ts';
import { getCaller } from './use-caller-auth.ts';
import type { DeadlineContext } from './use-deadline.ts';

/**
 * Builds the GraphQL context after `useDeadline` and `useCallerAuth` ran, so every upstream call carries the
 * one deadline signal of the request and resolvers can see who is asking.
 */
export function useGraphContext(deps: ContextDeps): Plugin<DeadlineContext> {
  return {
    onContextBuilding({ context, extendContext }) {
      extendContext(createContext(deps, { request: context.request, deadline: context.deadline, caller: getCaller(context.request) }));
    },
  };
}
