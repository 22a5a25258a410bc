import type { Plugin } from 'graphql-yoga';
import type { ChangeFeed } from '../feed/change-feed.ts';
import { bearerMatches } from '../feed/webhook-auth.ts';
import { readAtMost } from './use-body-limit.ts';

export interface ChangeReceiversOptions {
  readonly feed: ChangeFeed;
  /** AUTH0_GRAPH_WEBHOOK_TOKEN: deliveries must carry it as a bearer token. */
  readonly token: string;
  /** @default 5 MiB */
  readonly maxBytes?: number;
}

const RECEIVERS = { '/auth0/log-stream': 'log-stream', '/auth0/events': 'events' } as const;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

/**
 * The items of a delivery: a JSON array (JSONARRAY, a CloudEvents batch), one JSON object (JSONOBJECT, one
 * event) or one JSON value per line (JSONLINES). A line that is not JSON stays in as `undefined`, which the
 * feed counts as a change it cannot read.
 */
function itemsOf(text: string): unknown[] {
  try {
    const whole: unknown = JSON.parse(text);
    return Array.isArray(whole) ? whole : [whole];
  } catch {
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        try {
          return JSON.parse(line) as unknown;
        } catch {
          return undefined;
        }
      });
  }
}

/**
 * `POST /auth0/log-stream` (Log Streams custom webhook) and `POST /auth0/events` (Event Streams webhook): what
 * the tenant pushes goes into the same pipeline as what the feed polls (docs/design.md#answers-kept-until-they-change).
 * Only a delivery with the configured bearer token is read (401 otherwise, before the body); bodies are
 * size-limited; a delivery is answered once its invalidations are applied, so a retried one is harmless.
 */
export function useChangeReceivers({ feed, token, maxBytes = 5 * 2 ** 20 }: ChangeReceiversOptions): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (!request.url.includes('/auth0/')) return undefined;
      const source = RECEIVERS[url.pathname as keyof typeof RECEIVERS] as (typeof RECEIVERS)[keyof typeof RECEIVERS] | undefined;
      if (source === undefined) return undefined;
      if (request.method !== 'POST') {
        endResponse(json(405, { error: 'use POST' }));
        return undefined;
      }
      if (!bearerMatches(request.headers.get('authorization'), token)) {
        endResponse(json(401, { error: 'a bearer token is required' }));
        return undefined;
      }
      const declared = Number(request.headers.get('content-length') ?? '0');
      if (declared > maxBytes || request.body === null) {
        endResponse(json(declared > maxBytes ? 413 : 400, { error: declared > maxBytes ? `body over ${maxBytes} bytes` : 'empty body' }));
        return undefined;
      }
      return readAtMost(request.body, maxBytes).then(async (bytes) => {
        if (bytes === undefined) {
          endResponse(json(413, { error: `body over ${maxBytes} bytes` }));
          return;
        }
        const items = itemsOf(new TextDecoder().decode(bytes));
        const received = source === 'events' ? await feed.receiveEvents(items) : await feed.receiveLogStream(items);
        endResponse(json(200, { received }));
      });
    },
  };
}
