import { createGraphQLError } from 'graphql-yoga';
import type { Plugin } from 'graphql-yoga';
import { estimateCost } from '../cost/estimate-cost.ts';
import type { CostEstimate } from '../cost/estimate-cost.ts';
import { createCostMemo } from '../cost/cost-memo.ts';

export interface CostLimitOptions {
  /** AUTH0_GRAPH_MAX_UPSTREAM_CALLS: the most Management API calls one request may be estimated to make. */
  readonly maxUpstreamCalls: number;
  /** Told every refusal, for logs; the estimate holds no tenant data. */
  readonly onRefuse?: (estimate: CostEstimate, budget: number) => void;
}

/**
 * Refuses, before any resolver runs, an operation whose worst-case Management API calls exceed the budget:
 * one query must not spend the tenant's whole rate limit. The error names the estimate, the budget and the
 * field that costs most, so the caller knows what to page down.
 */
export function useCostLimit({ maxUpstreamCalls, onRefuse = () => {} }: CostLimitOptions): Plugin {
  const estimateOf = createCostMemo(estimateCost);
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const estimate = estimateOf({
        schema: args.schema,
        document: args.document,
        operationName: args.operationName,
        variables: args.variableValues,
      });
      if (estimate.calls <= maxUpstreamCalls) return;
      onRefuse(estimate, maxUpstreamCalls);
      const field = estimate.mostExpensive;
      const costliest = field === undefined ? '' : `; most expensive: ${field.path} (${field.calls})`;
      setResultAndStopExecution({
        errors: [
          createGraphQLError(
            `Query estimated at ${estimate.calls} Management API calls, over the budget of ${maxUpstreamCalls}${costliest}. Ask for smaller pages (first) or fewer nested lists.`,
            { extensions: { code: 'COST_LIMIT', estimate: estimate.calls, budget: maxUpstreamCalls, field: field?.path ?? null } },
          ),
        ],
      });
    },
  };
}
