import { createGraphQLError } from 'graphql-yoga';
import type { Plugin } from 'graphql-yoga';
import { estimateCost } from '../cost/estimate-cost.ts';
import type { CostEstimate } from '../cost/estimate-cost.ts';
import { createCostMemo } from '../cost/cost-memo.ts';
import { isIncremental } from '../resolvers/incremental.ts';

export interface CostLimitOptions {
  /** AUTH0_GRAPH_MAX_UPSTREAM_CALLS: the most Management API calls one request may be estimated to make. */
  readonly maxUpstreamCalls: number;
  /**
   * AUTH0_GRAPH_STREAM_MAX_UPSTREAM_CALLS: the budget of an operation answered in parts (`@stream`, `@defer`),
   * which runs under its own longer deadline. @default maxUpstreamCalls
   */
  readonly streamMaxUpstreamCalls?: number;
  /** Told every refusal, for logs; the estimate holds no tenant data. */
  readonly onRefuse?: (estimate: CostEstimate, budget: number) => void;
}

/**
 * Refuses, before any resolver runs, an operation whose worst-case Management API calls exceed the budget:
 * one query must not spend the tenant's whole rate limit. The error names the estimate, the budget and the
 * field that costs most, so the caller knows what to page down.
 */
export function useCostLimit({ maxUpstreamCalls, streamMaxUpstreamCalls = maxUpstreamCalls, onRefuse = () => {} }: CostLimitOptions): Plugin {
  const estimateOf = createCostMemo(estimateCost);
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const estimate = estimateOf({
        schema: args.schema,
        document: args.document,
        operationName: args.operationName,
        variables: args.variableValues,
      });
      const budget = isIncremental(args.document, args.variableValues) ? streamMaxUpstreamCalls : maxUpstreamCalls;
      if (estimate.calls <= budget) return;
      onRefuse(estimate, budget);
      const field = estimate.mostExpensive;
      const costliest = field === undefined ? '' : `; most expensive: ${field.path} (${field.calls})`;
      setResultAndStopExecution({
        errors: [
          createGraphQLError(
            `Query estimated at ${estimate.calls} Management API calls, over the budget of ${budget}${costliest}. Ask for smaller pages (first) or fewer nested lists.`,
            { extensions: { code: 'COST_LIMIT', estimate: estimate.calls, budget, field: field?.path ?? null } },
          ),
        ],
      });
    },
  };
}
