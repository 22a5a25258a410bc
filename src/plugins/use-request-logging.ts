import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../observability/logger.ts';
import { getCaller } from './use-caller-auth.ts';
import { getRequestId } from './use-request-id.ts';

export interface RequestLoggingOptions {
  readonly logger: Logger;
  /** @default performance.now */
  readonly now?: () => number;
}

/**
 * One JSON line per HTTP request: id, method, path, status, time, who called (kind only), the
 * operation name and whether the answer is streamed in parts. Never headers, query text or variables: those carry tokens and personal data.
 * Install after `useRequestId` and `useCallerAuth` so their results are known here.
 */
export function useRequestLogging({ logger, now = () => performance.now() }: RequestLoggingOptions): Plugin {
  // The line is at info: a server set to warn or quieter keeps no per-request state at all.
  if (!logger.isLevelEnabled('info')) return {};
  const started = new WeakMap<Request, number>();
  const operations = new WeakMap<Request, string>();
  return {
    onRequest({ request }) {
      started.set(request, now());
    },
    onParams({ request, params }) {
      if (typeof params.operationName === 'string') operations.set(request, params.operationName);
    },
    onResponse({ request, response }) {
      const start = started.get(request);
      const { pathname } = new URL(request.url);
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
        },
        'request',
      );
    },
  };
}
