import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../observability/logger.ts';
import { getCaller } from './use-caller-auth.ts';
import { getRequestId } from './use-request-id.ts';

export interface RequestLoggingOptions {
  readonly logger: Logger;
  /** @default performance.now */
  readonly now?: () => number;
}

/** What the line needs from before the response: taken where yoga already has it, so nothing is parsed twice. */
interface Pending {
  readonly startedAt: number;
  readonly path: string;
  operation: string | undefined;
}

/**
 * One JSON line per HTTP request: id, method, path, status, time, who called (kind only), the
 * operation name and whether the answer is streamed in parts. Never headers, query text or variables: those carry tokens and personal data.
 * Install after `useRequestId` and `useCallerAuth` so their results are known here.
 */
export function useRequestLogging({ logger, now = () => performance.now() }: RequestLoggingOptions): Plugin {
  // The line is at info: a server set to warn or quieter keeps no per-request state at all.
  if (!logger.isLevelEnabled('info')) return {};
  // The line's fields are the flat values below, none of them a name the redaction paths cover, so walking it for
  // those paths (most of the line's cost) can never change it. The scrubber still reads every line on its way out.
  const lines = logger.child({}, { redact: [] });
  const pending = new WeakMap<Request, Pending>();
  return {
    onRequest({ request, url }) {
      pending.set(request, { startedAt: now(), path: url.pathname, operation: undefined });
    },
    onParams({ request, params }) {
      const entry = pending.get(request);
      if (entry !== undefined && typeof params.operationName === 'string') entry.operation = params.operationName;
    },
    onResponse({ request, response }) {
      const entry = pending.get(request);
      lines.info(
        {
          requestId: getRequestId(request),
          method: request.method,
          path: entry?.path ?? new URL(request.url).pathname,
          status: response.status,
          durationMs: entry === undefined ? undefined : Math.round(now() - entry.startedAt),
          caller: getCaller(request)?.kind,
          operation: entry?.operation,
          // An answer in parts (@stream, @defer) is logged when its first part goes out: its time is to that part.
          streamed: response.headers.get('content-type')?.startsWith('multipart/mixed') === true ? true : undefined,
        },
        'request',
      );
    },
  };
}
