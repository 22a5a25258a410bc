import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

/** Header read from callers (so ids can follow a request across services) and echoed on every response. */
export const REQUEST_ID_HEADER = 'x-request-id';

// A caller-supplied id ends up in our logs: accept only short, plain tokens so it can't forge log lines.
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const ids = new WeakMap<Request, string>();

/** The id given to this request by `useRequestId`; undefined when the plugin is not installed. */
export function getRequestId(request: Request): string | undefined {
  return ids.get(request);
}

/** Gives every HTTP request an id (the caller's `x-request-id` when it is safe, else a UUID) and returns it. */
export function useRequestId(): Plugin {
  return {
    onRequest({ request }) {
      const offered = request.headers.get(REQUEST_ID_HEADER);
      ids.set(request, offered !== null && SAFE_ID.test(offered) ? offered : randomUUID());
    },
    onResponse({ request, response }) {
      const id = ids.get(request);
      if (id !== undefined) response.headers.set(REQUEST_ID_HEADER, id);
    },
  };
}
