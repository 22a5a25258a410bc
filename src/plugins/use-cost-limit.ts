import { createGraphQLError } from 'graphql-yoga';
import type { Plugin } from 'graphql-yoga';
import { estimateCost } from '../cost/estimate-cost.ts';
import type { CostEstimate } from '../cost/estimate-cost.ts';
import { createCostMemo } from '../cost/cost-memo.ts';
import { secondsToServe, usableSeconds } from '../cost/time-to-serve.ts';
import type { LaneBudgets } from '../cost/time-to-serve.ts';
import { isIncremental } from '../resolvers/incremental.ts';

export interface CostLimitOptions {
  /** AUTH0_GRAPH_MAX_UPSTREAM_CALLS: the most Management API calls one request may be estimated to make. */
  readonly maxUpstreamCalls: number;
  /**
   * AUTH0_GRAPH_STREAM_MAX_UPSTREAM_CALLS: the budget of an operation answered in parts (`@stream`, `@defer`),
   * which runs under its own longer deadline. @default maxUpstreamCalls
   */
  readonly streamMaxUpstreamCalls?: number;
  /** AUTH0_GRAPH_TIMEOUT_MS: a plain request's deadline, which its calls must be grantable within. */
  readonly timeoutMs?: number;
  /** AUTH0_GRAPH_STREAM_TIMEOUT_MS: the deadline of an operation answered in parts. @default timeoutMs */
  readonly streamTimeoutMs?: number;
  /** The tenant's rate budget now (the limiter's snapshot); absent or empty, nothing paces calls and time is not checked. */
  readonly budget?: () => LaneBudgets | undefined;
  /** Told every refusal, for logs, with the seconds when time refused it; the estimate holds no tenant data. */
  readonly onRefuse?: (estimate: CostEstimate, budget: number, time?: { readonly estimatedSeconds: number; readonly deadlineSeconds: number }) => void;
}

/**
 * Refuses, before any resolver runs, an operation the tenant cannot afford: one whose worst-case Management
 * API calls exceed the call cap (one query must not spend the tenant's whole rate limit), or whose calls the
 * current rate budget cannot grant before the deadline (it would wait in the limiter and end RATE_LIMITED with
 * partial data, having spent the budget anyway). The error names the estimate and the way to ask instead.
 */
export function useCostLimit({
  maxUpstreamCalls,
  streamMaxUpstreamCalls = maxUpstreamCalls,
  timeoutMs,
  streamTimeoutMs = timeoutMs,
  budget = () => undefined,
  onRefuse = () => {},
}: CostLimitOptions): Plugin {
  const estimateOf = createCostMemo(estimateCost);
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const estimate = estimateOf({
        schema: args.schema,
        document: args.document,
        operationName: args.operationName,
        variables: args.variableValues,
      });
      const streamed = isIncremental(args.document, args.variableValues);
      const cap = streamed ? streamMaxUpstreamCalls : maxUpstreamCalls;
      const field = estimate.mostExpensive;
      if (estimate.calls > cap) {
        onRefuse(estimate, cap);
        setResultAndStopExecution({
          errors: [
            createGraphQLError(
              `Query estimated at ${estimate.calls} Management API calls, over the budget of ${cap}${costliestText(estimate)}. Ask for smaller pages (first) or fewer nested lists.`,
              { extensions: { code: 'COST_LIMIT', estimate: estimate.calls, budget: cap, field: field?.path ?? null } },
            ),
          ],
        });
        return;
      }
      const deadlineMs = streamed ? streamTimeoutMs : timeoutMs;
      const budgets = budget();
      if (deadlineMs === undefined || budgets === undefined || estimate.calls === 0) return;
      const seconds = secondsToServe(estimate.byLane, budgets);
      const deadlineSeconds = usableSeconds(deadlineMs);
      if (seconds <= deadlineSeconds) return;
      onRefuse(estimate, cap, { estimatedSeconds: seconds, deadlineSeconds });
      const howLong = Number.isFinite(seconds) ? `about ${Math.ceil(seconds)} s` : 'longer than any deadline';
      const instead = streamed
        ? 'Ask for smaller pages (first) or fewer nested lists.'
        : 'Ask with @stream on the connection\'s edges (answered in parts, under the longer stream deadline), or for smaller pages (first).';
      setResultAndStopExecution({
        errors: [
          createGraphQLError(
            `Query estimated at ${estimate.calls} Management API calls would take ${howLong} at the tenant's current rate budget, over the ${deadlineSeconds} s deadline${costliestText(estimate)}. ${instead}`,
            {
              extensions: {
                code: 'COST_LIMIT',
                estimate: estimate.calls,
                budget: cap,
                field: field?.path ?? null,
                estimatedSeconds: Number.isFinite(seconds) ? Math.ceil(seconds * 10) / 10 : null,
                deadlineSeconds,
              },
            },
          ),
        ],
      });
    },
  };
}

/** Only a refusal builds it: made per request (even as a closure), it cost every admitted request. */
function costliestText({ mostExpensive: field }: CostEstimate): string {
  return field === undefined ? '' : `; most expensive: ${field.path} (${field.calls})`;
}
