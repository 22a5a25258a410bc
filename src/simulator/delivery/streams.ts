import type { LogEntry } from '../logs/log-entry.ts';
import type { LogStore } from '../logs/log-store.ts';
import type { Prng } from '../prng.ts';
import type { TenantChange } from '../tenant-changes.ts';
import { cloudEventOf, eventStreamId, type CloudEvent } from './cloud-event.ts';
import { createWebhookQueue, type DeliveryAttempt, type WebhookQueue, type WebhookTarget } from './webhook-queue.ts';

export interface LogStreamOptions extends WebhookTarget {
  /** Entries per POST. @default 100 */
  readonly batchSize?: number;
}

export type EventStreamOptions = WebhookTarget;

/** The tenant's registered webhooks: Log Streams hear the log as entries become visible, Event Streams each change. */
export interface Streams {
  /** Hands an Event Stream change to every event stream. */
  changed(change: TenantChange): void;
  /** Pushes every entry visible at `nowMs` and every queued event, and waits for those POSTs. */
  deliver(nowMs: number): Promise<void>;
  readonly attempts: readonly DeliveryAttempt[];
}

export function createStreams(input: {
  readonly logs: LogStore;
  readonly logStreams: readonly LogStreamOptions[];
  readonly eventStreams: readonly EventStreamOptions[];
  readonly domain: string;
  readonly prng: Prng;
  readonly now: () => number;
}): Streams {
  const attempts: DeliveryAttempt[] = [];
  const onAttempt = (attempt: DeliveryAttempt): void => {
    attempts.push(attempt);
  };
  const logQueues: WebhookQueue<LogEntry>[] = input.logStreams.map((target) =>
    createWebhookQueue<LogEntry>({
      kind: 'log-stream',
      target,
      batchSize: target.batchSize ?? 100,
      contentType: 'application/json',
      // JSONARRAY: each item is the entry's id and the entry itself.
      encode: (entries) => JSON.stringify(entries.map((entry) => ({ log_id: entry.log_id, data: entry }))),
      now: input.now,
      onAttempt,
    }),
  );
  if (logQueues.length > 0) input.logs.subscribe((entry) => logQueues.forEach((queue) => queue.push(entry)));
  const eventQueues = input.eventStreams.map((target) => ({
    streamId: eventStreamId(input.prng, 'est'),
    queue: createWebhookQueue<CloudEvent>({
      kind: 'event-stream',
      target,
      batchSize: 1,
      contentType: 'application/json',
      encode: ([event]) => JSON.stringify(event),
      now: input.now,
      onAttempt,
    }),
  }));
  return {
    changed(change) {
      for (const { streamId, queue } of eventQueues) queue.push(cloudEventOf(change, { domain: input.domain, streamId, prng: input.prng }));
    },
    async deliver(nowMs) {
      input.logs.flush(nowMs);
      await Promise.all([...logQueues.map((q) => q.flush()), ...eventQueues.map(({ queue }) => queue.flush())]);
    },
    attempts,
  };
}
