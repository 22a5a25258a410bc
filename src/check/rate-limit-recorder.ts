import type { IncomingHttpHeaders } from 'node:http';
import { Agent, DecoratorHandler } from 'undici';
import type { Dispatcher } from 'undici';

/** The largest `x-ratelimit-limit` seen, by request path without its query. */
export type ObservedLimits = Map<string, number>;

function headerNumber(headers: IncomingHttpHeaders, name: string): number | undefined {
  const raw = headers[name];
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

// undici's typings declare only the constructor; the methods are there (it implements DispatchHandler).
const decorated = DecoratorHandler.prototype as Dispatcher.DispatchHandler;

/** Passes everything through (DecoratorHandler adapts the caller's handler style) after noting the headers. */
class LimitRecorder extends DecoratorHandler {
  readonly #record: (headers: IncomingHttpHeaders) => void;

  constructor(next: Dispatcher.DispatchHandler, record: (headers: IncomingHttpHeaders) => void) {
    super(next);
    this.#record = record;
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders, statusMessage?: string): void {
    this.#record(headers);
    decorated.onResponseStart?.call(this, controller, statusCode, headers, statusMessage);
  }
}

/**
 * A dispatcher for the check's client that notes the rate-limit headers of every answer: the client
 * keeps headers to itself, and the bucket size they announce is how the tenant's plan shows.
 */
export function createLimitRecordingAgent(): { readonly dispatcher: Dispatcher; readonly limits: ObservedLimits } {
  const limits: ObservedLimits = new Map();
  const agent = new Agent({ connections: 2 });
  const dispatcher = agent.compose((dispatch) => (options, handler) => {
    const path = (options.path ?? '').split('?')[0] ?? '';
    return dispatch(
      options,
      new LimitRecorder(handler, (headers) => {
        const limit = headerNumber(headers, 'x-ratelimit-limit');
        if (limit !== undefined) limits.set(path, Math.max(limit, limits.get(path) ?? 0));
      }),
    );
  });
  return { dispatcher, limits };
}
