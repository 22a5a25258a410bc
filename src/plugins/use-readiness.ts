import type { Plugin } from 'graphql-yoga';
import type { Readiness } from '../observability/readiness.ts';

const READY_PATH = '/ready';

/**
 * `/ready` answers 200 or 503 with a small JSON body naming why not; it carries no tenant data. Written out
 * rather than yoga's `useReadinessCheck`, which parses the URL and tests a URLPattern on every request: a
 * request's URL is already normalized, so one without `/ready` in it cannot be the probe.
 */
export function useReadiness(readiness: Readiness): Plugin {
  return {
    // Not async: every other request passes through synchronously.
    onRequest({ request, url, endResponse }) {
      if (!request.url.includes(READY_PATH) || url.pathname !== READY_PATH) return undefined;
      return readiness.check().then((state) => {
        // Degraded is still 200: the replica serves, and an orchestrator must not pull it for a Redis outage.
        const body = !state.ready ? { ready: false, reason: state.reason } : state.degraded === undefined ? { ready: true } : { ready: true, degraded: state.degraded };
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
