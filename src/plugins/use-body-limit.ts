import type { Plugin } from 'graphql-yoga';
import { graphqlErrorResponse } from './graphql-error-response.ts';

export interface BodyLimitOptions {
  /**
   * Largest request body accepted, in bytes. Dashboard queries are a few KB; variables stay small.
   * @default 102400
   */
  readonly maxBytes?: number;
}

function tooLarge(maxBytes: number): Response {
  return graphqlErrorResponse(413, `Request body larger than ${maxBytes} bytes.`, 'PAYLOAD_TOO_LARGE');
}

/** True once more than `maxBytes` have been read; stops reading at that point. */
async function exceeds(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<boolean> {
  const reader = body.getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return false;
    total += value.byteLength;
    if (total > maxBytes) {
      // Not awaited: cancelling one branch of a cloned (teed) body settles only once the other branch is
      // cancelled too, which never happens to a request we refuse.
      reader.cancel().catch(() => {});
      return true;
    }
  }
}

/**
 * Refuses bodies over the limit with 413 before yoga parses them. A declared `content-length` is
 * trusted (Node's HTTP parser never delivers more than it); a body without one is counted on a clone,
 * which buffers at most `maxBytes` before giving up.
 */
export function useBodyLimit({ maxBytes = 102_400 }: BodyLimitOptions = {}): Plugin {
  return {
    async onRequest({ request, endResponse }) {
      if (request.body === null) return;
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (Number(declared) > maxBytes) endResponse(tooLarge(maxBytes));
        return;
      }
      const clone = request.clone();
      if (clone.body !== null && (await exceeds(clone.body, maxBytes))) endResponse(tooLarge(maxBytes));
    },
  };
}
