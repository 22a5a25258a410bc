import type { RefusalReason } from './rate-limit/rate-limiter.ts';
import type { EndpointGroup } from './types.ts';

/**
 * Running totals that src/server.ts exports as Prometheus metrics. Plain numbers so this layer does not depend on
 * prom-client; a collector reads them on scrape.
 */
export interface Auth0Counters {
  /** Logical calls by `${group} ${status}` (status 0: no response). */
  readonly calls: Map<string, number>;
  /** Upstream attempts after the first, whatever the reason. */
  retries: number;
  /** 429 responses seen, including those later retried successfully. */
  rateLimited: number;
  /** Calls the limiter refused before they left, by `${group} ${reason}` (rate-limiter.ts#RefusalReason). */
  readonly refusals: Map<string, number>;
  /** Milliseconds spent waiting for the limiter, summed over all attempts. */
  limiterWaitMs: number;
  /** Tokens issued by the token endpoint. */
  readonly tokensIssued: number;
}

export interface CounterSink {
  readonly counters: Auth0Counters;
  countCall(group: EndpointGroup, status: number): void;
  countRefusal(group: EndpointGroup, reason: RefusalReason): void;
}

export function createCounters(tokensIssued: () => number): CounterSink {
  const counters: Auth0Counters = {
    calls: new Map(),
    retries: 0,
    rateLimited: 0,
    refusals: new Map(),
    limiterWaitMs: 0,
    get tokensIssued() {
      return tokensIssued();
    },
  };
  return {
    counters,
    countCall(group, status) {
      const key = `${group} ${status}`;
      counters.calls.set(key, (counters.calls.get(key) ?? 0) + 1);
    },
    countRefusal(group, reason) {
      const key = `${group} ${reason}`;
      counters.refusals.set(key, (counters.refusals.get(key) ?? 0) + 1);
    },
  };
}
