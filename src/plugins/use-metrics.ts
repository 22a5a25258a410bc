import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Metrics, OperationRecord } from '../observability/metrics.ts';

export interface MetricsPluginOptions {
  readonly metrics: Metrics;
  /**
   * Where Prometheus scrapes; `false` records without serving.
   * @default '/metrics'
   */
  readonly endpoint?: string | false;
  /** @default performance.now */
  readonly now?: () => number;
}

/**
 * Counts and times every GraphQL operation, and serves the registry. An operation that never reached
 * execution (a parse, validation or limit failure) is counted as `refused`.
 */
export function useMetrics({ metrics, endpoint = '/metrics', now = () => performance.now() }: MetricsPluginOptions): Plugin {
  const startedAt = new WeakMap<Request, number>();
  const executed = new WeakMap<object, { type: OperationRecord['type']; name: string | undefined }>();
  return {
    async onRequest({ request, url, endResponse }) {
      if (endpoint !== false && url.pathname === endpoint) {
        const { contentType, body } = await metrics.render();
        endResponse(new Response(body, { headers: { 'content-type': contentType } }));
        return;
      }
      startedAt.set(request, now());
    },
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      // The name from the document: callers rarely send `operationName` beside a single named operation.
      executed.set(args.contextValue, { type: operation?.operation ?? 'unknown', name: operation?.name?.value });
    },
    onExecutionResult({ request, result, context }) {
      const start = startedAt.get(request);
      if (start === undefined || result === undefined || Symbol.asyncIterator in result) return;
      const operation = executed.get(context);
      metrics.recordOperation({
        type: operation?.type ?? 'unknown',
        name: operation?.name ?? context.params.operationName ?? undefined,
        outcome: operation === undefined ? 'refused' : result.errors?.length ? 'error' : 'ok',
        durationMs: now() - start,
      });
    },
  };
}
