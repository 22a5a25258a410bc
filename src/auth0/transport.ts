import { Agent, errors as undiciErrors } from 'undici';
import type { Dispatcher } from 'undici';
import { Auth0Error } from './errors.ts';
import type { ResponseHeaders } from './rate-limit/headers.ts';

export interface TransportRequest {
  readonly method: 'GET' | 'POST';
  /** Absolute path on the tenant origin, query included. */
  readonly path: string;
  /** Route template for error messages; never the concrete path. */
  readonly route: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal: AbortSignal;
}

export interface TransportResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  /** Parsed JSON; null for an empty body; the raw text when the body is not JSON. */
  readonly body: unknown;
}

export type Send = (request: TransportRequest) => Promise<TransportResponse>;

export interface TransportOptions {
  /** Scheme + host (+ port) of the tenant or simulator. */
  readonly baseUrl: string;
  /** Injected dispatcher (tests pass a MockAgent); when absent the transport owns one keep-alive Agent. */
  readonly dispatcher?: Dispatcher;
  /** Sockets to the tenant; the client sizes it from the rate budget (pool-size.ts). @default 10 */
  readonly connections?: number;
  /** @default 5_000 */
  readonly connectTimeoutMs?: number;
  /** @default 15_000 — Auth0 user search gives up at 2 s with a 503; anything slower is a stuck connection. */
  readonly headersTimeoutMs?: number;
  /** @default 15_000 */
  readonly bodyTimeoutMs?: number;
}

export interface Transport {
  readonly send: Send;
  close(): Promise<void>;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): ResponseHeaders {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED',
]);

/** A failure before a response arrived. Code only: undici's own errors can quote the request. */
function failure(error: unknown, request: TransportRequest): Auth0Error {
  if (request.signal.aborted) {
    return new Auth0Error('AUTH0_TIMEOUT', `GET ${request.route} passed its deadline`, { route: request.route, status: 0 });
  }
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'UNKNOWN';
  const known = CONNECTION_ERROR_CODES.has(code) || error instanceof undiciErrors.UndiciError;
  return new Auth0Error('AUTH0_UPSTREAM', `No response from Auth0 for ${request.method} ${request.route} (${known ? code : 'connection failed'})`, {
    route: request.route,
    status: 0,
    cause: { code },
  });
}

/** One keep-alive connection pool per tenant; every call carries the caller's abort signal. */
export function createTransport(options: TransportOptions): Transport {
  const origin = new URL(options.baseUrl).origin;
  const owned = options.dispatcher === undefined;
  const dispatcher =
    options.dispatcher ??
    new Agent({
      connections: options.connections ?? 10,
      keepAliveTimeout: 30_000,
      connect: { timeout: options.connectTimeoutMs ?? 5_000 },
      headersTimeout: options.headersTimeoutMs ?? 15_000,
      bodyTimeout: options.bodyTimeoutMs ?? 15_000,
    });

  const send: Send = async (request) => {
    try {
      const response = await dispatcher.request({
        origin,
        method: request.method,
        path: request.path,
        headers: request.headers,
        body: request.body ?? null,
        signal: request.signal,
      });
      const text = await response.body.text();
      return { status: response.statusCode, headers: flattenHeaders(response.headers), body: parseBody(text) };
    } catch (error) {
      throw failure(error, request);
    }
  };

  return {
    send,
    close: async () => {
      if (owned) await dispatcher.close();
    },
  };
}
