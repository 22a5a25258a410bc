import type { Plugin } from 'graphql-yoga';
import type { FeedStatus } from '../feed/change-feed.ts';
import type { Readiness } from '../observability/readiness.ts';

const READY_PATH = '/ready';

/**
 * `/ready` answers 200 or 503 with a small JSON body naming why not and the change feed's state; it carries no tenant data. Written out
 * rather than yoga's `useReadinessCheck`, which parses the URL and tests a URLPattern on every request: a
 * request's URL is already normalized, so one without `/ready` in it cannot be the probe.
 */
export function useReadiness(readiness: Readiness, feedStatus?: () => FeedStatus): Plugin {
  return {
    // Not async: every other request passes through synchronously.
    onRequest({ request, url, endResponse }) {
      if (!request.url.includes(READY_PATH) || url.pathname !== READY_PATH) return undefined;
      return readiness.check().then((state) => {
        // Degraded is still 200: the replica serves, and an orchestrator must not pull it for a Redis outage.
        // The feed's state is reported, not judged: without it answers live by the TTL, which is still a valid answer.
        const feed = feedStatus?.();
        const base = !state.ready ? { ready: false, reason: state.reason } : state.degraded === undefined ? { ready: true } : { ready: true, degraded: state.degraded };
        const body = feed === undefined ? base : { ...base, feed };
        endResponse(
          new Response(JSON.stringify(body), {
            status: state.ready ? 200 : 503,
            headers: { 'content-type': 'application/json; charset=utf-8' },
          }),
        );
      });
    },
  };
}
