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

/** What the line needs from before the response: taken where yoga already has it, so nothing is parsed twice. */
interface Pending {
  readonly startedAt: number;
  readonly path: string;
  operation: string | undefined;
  failed: ReturnType<typeof errorsOf> | undefined;
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
  // The line's fields are the flat values below, none of them a name the redaction paths cover, so walking it for
  // those paths (most of the line's cost) can never change it. The scrubber still reads every line on its way out.
  const lines = logger.child({}, { redact: [] });
  const pending = new WeakMap<Request, Pending>();
  return {
    onRequest({ request, url }) {
      pending.set(request, { startedAt: now(), path: url.pathname, operation: undefined, failed: undefined });
    },
    onParams({ request, params }) {
      const entry = pending.get(request);
      if (entry !== undefined && typeof params.operationName === 'string') entry.operation = params.operationName;
    },
    onExecutionResult({ request, result }) {
      // A streamed answer's errors arrive in later parts, after its line is written.
      if (result === undefined || Symbol.asyncIterator in result || !result.errors?.length) return;
      const entry = pending.get(request);
      if (entry !== undefined) entry.failed = errorsOf(result.errors);
    },
    onResponse({ request, response }) {
      const entry = pending.get(request);
      const failed = entry?.failed;
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
          errors: failed?.codes,
          retryAfter: failed?.retryAfter,
        },
        'request',
      );
    },
  };
}
