import type { YogaLogger } from 'graphql-yoga';
import { isAuth0Error } from '../auth0/errors.ts';
import type { Logger } from '../observability/logger.ts';

/** The error a GraphQL error wraps, however deep: what the resolver threw. */
function originalOf(value: unknown): unknown {
  let current = value;
  while (current instanceof Error && current.name === 'GraphQLError' && 'originalError' in current && current.originalError instanceof Error) {
    current = current.originalError;
  }
  return current;
}

/**
 * Yoga's logger, over ours. Yoga logs every error its mask replaced at level error, with the stack. An upstream
 * failure mapped to a public code (a RATE_LIMITED refusal, a missing record) is an expected answer, not a crash:
 * the request line names its codes once (use-request-logging.ts) and /metrics counts it, so here it goes at debug
 * with its code and no stack. Anything else stays an error; the logger strips install paths from its stack.
 */
export function yogaLoggerOf(logger: Logger): YogaLogger {
  return {
    debug: (...args: unknown[]) => logger.debug(args.map(String).join(' ')),
    info: (...args: unknown[]) => logger.info(args.map(String).join(' ')),
    warn: (...args: unknown[]) => logger.warn(args.map(String).join(' ')),
    error: (...args: unknown[]) => {
      for (const arg of args) {
        const error = originalOf(arg);
        if (isAuth0Error(error)) logger.debug({ code: error.code, route: error.route }, 'upstream call failed as expected');
        else if (error instanceof Error) logger.error({ err: error }, error.message);
        else logger.error(String(error));
      }
    },
  };
}
