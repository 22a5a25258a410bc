import type { Plugin } from 'graphql-yoga';
import { graphqlErrorResponse } from './graphql-error-response.ts';

export interface BodyLimitOptions {
  /** Largest request body accepted, in bytes (AUTH0_GRAPH_MAX_BODY_BYTES). Dashboard queries are a few KB. */
  readonly maxBytes: number;
}

function tooLarge(maxBytes: number): Response {
  return graphqlErrorResponse(413, `Request body larger than ${maxBytes} bytes.`, 'PAYLOAD_TOO_LARGE');
}

/** The whole body, or undefined once more than `maxBytes` have been read (reading stops there). */
export async function readAtMost(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** A `content-length` that is one decimal number; any other value is not trusted, and the body is counted. */
function declaredLength(request: Request): number | undefined {
  const declared = request.headers.get('content-length');
  return declared !== null && DECIMAL.test(declared) ? Number(declared) : undefined;
}

const DECIMAL = /^\d+$/;

/**
 * Refuses bodies over the limit with 413 before yoga parses them. A declared `content-length` is trusted
 * (Node's HTTP parser never delivers more than it) and checked as the request arrives, before caller
 * authentication. A body without one is read, at most `maxBytes` of it, when yoga is about to parse it, and
 * handed on as bytes. Serve with yoga's own `maxRequestBodySize: false`: it pipes every body, declared or not,
 * through a stream whose teardown builds an AbortError, a measurable share of a cached answer's time.
 */
export function useBodyLimit({ maxBytes }: BodyLimitOptions): Plugin {
  return {
    onRequest({ request, endResponse }) {
      const declared = declaredLength(request);
      if (declared !== undefined && declared > maxBytes) endResponse(tooLarge(maxBytes));
    },
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (request.body === null || requestParser === undefined || declaredLength(request) !== undefined) return;
      setRequestParser(async (incoming) => {
        const bytes = incoming.body === null ? null : await readAtMost(incoming.body, maxBytes);
        if (bytes === undefined) return tooLarge(maxBytes);
        return requestParser(new fetchAPI.Request(incoming.url, { method: incoming.method, headers: incoming.headers, body: bytes }));
      });
    },
  };
}
