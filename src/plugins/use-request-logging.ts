import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../observability/logger.ts';
import { getCaller } from './use-caller-auth.ts';
import { getRequestId } from './use-request-id.ts';

export interface RequestLoggingOptions {
  readonly logger: Logger;
  /** @default performance.now */
  readonly now?: () => number;
}

/** The distinct public codes of an answer's errors, and the longest `retryAfter` among them. */
function errorsOf(errors: readonly { readonly extensions?: Record<string, unknown> }[]): { codes: string[]; retryAfter: number | undefined } {
  const codes = new Set<string>();
  let retryAfter: number | undefined;
  for (const error of errors) {
    const { code, retryAfter: after } = error.extensions ?? {};
    codes.add(typeof code === 'string' ? code : 'UNKNOWN');
    if (typeof after === 'number') retryAfter = Math.max(retryAfter ?? 0, after);
  }
  return { codes: [...codes].sort(), retryAfter };
}

/**
 * One JSON line per HTTP request: id, method, path, status, time, who called (kind only), the
 * operation name, whether the answer is streamed in parts, and the codes of its errors. Expected failures
 * (a RATE_LIMITED refusal with its `retryAfter`, a missing record) are told here once per request, at info, not
 * as error lines. Never headers, query text or variables: those carry tokens and personal data.
 * Install after `useRequestId` and `useCallerAuth` so their results are known here.
 */
export function useRequestLogging({ logger, now = () => performance.now() }: RequestLoggingOptions): Plugin {
  // The line is at info: a server set to warn or quieter keeps no per-request state at all.
  if (!logger.isLevelEnabled('info')) return {};
  const started = new WeakMap<Request, number>();
  const operations = new WeakMap<Request, string>();
  const failures = new WeakMap<Request, ReturnType<typeof errorsOf>>();
  return {
    onRequest({ request }) {
      started.set(request, now());
    },
    onParams({ request, params }) {
      if (typeof params.operationName === 'string') operations.set(request, params.operationName);
    },
    onExecutionResult({ request, result }) {
      // A streamed answer's errors arrive in later parts, after its line is written.
      if (result === undefined || Symbol.asyncIterator in result || !result.errors?.length) return;
      failures.set(request, errorsOf(result.errors));
    },
    onResponse({ request, response }) {
      const start = started.get(request);
      const { pathname } = new URL(request.url);
      const failed = failures.get(request);
      logger.info(
        {
          requestId: getRequestId(request),
          method: request.method,
          path: pathname,
          status: response.status,
          durationMs: start === undefined ? undefined : Math.round(now() - start),
          caller: getCaller(request)?.kind,
          operation: operations.get(request),
          // An answer in parts (@stream, @defer) is logged when its first part goes out: its time is to that part.
          streamed: response.headers.get('content-type')?.startsWith('multipart/mixed') === true ? true : undefined,
          errors: failed?.codes,
          retryAfter: failed?.retryAfter,
        },
        'request',
      );
    },
  };
}
