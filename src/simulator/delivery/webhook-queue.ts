/** One POST a webhook queue made, for tests and the CLI to see what was pushed. */
export interface DeliveryAttempt {
  readonly kind: 'log-stream' | 'event-stream';
  readonly url: string;
  /** The receiver's status, or 0 when no answer came (refused, reset, timed out). */
  readonly status: number;
  /** Items in the batch. */
  readonly items: number;
  readonly at: number;
}

export interface WebhookTarget {
  readonly url: string;
  /** Sent verbatim as the `Authorization` header, as Auth0 sends a stream's authorization token. */
  readonly authorization?: string;
}

export interface WebhookQueue<T> {
  push(item: T): void;
  /** Sends everything queued, in batches; a batch the receiver refuses stays queued for the next flush. */
  flush(): Promise<void>;
}

const TIMEOUT_MS = 10_000;

async function post(target: WebhookTarget, body: string, contentType: string): Promise<number> {
  try {
    const res = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(target.authorization === undefined ? {} : { authorization: target.authorization }) },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.body?.cancel();
    return res.status;
  } catch {
    return 0;
  }
}

/**
 * An at-least-once push queue: items go out in order, `batchSize` per POST, one POST at a time; anything but a
 * 2xx keeps the batch for the next flush (Auth0 retries failed deliveries, so receivers must be idempotent).
 */
export function createWebhookQueue<T>(options: {
  readonly kind: DeliveryAttempt['kind'];
  readonly target: WebhookTarget;
  readonly batchSize: number;
  readonly contentType: string;
  encode(items: readonly T[]): string;
  readonly now: () => number;
  onAttempt(attempt: DeliveryAttempt): void;
}): WebhookQueue<T> {
  const queue: T[] = [];
  let chain: Promise<void> = Promise.resolve();
  const sendAll = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.slice(0, options.batchSize);
      const status = await post(options.target, options.encode(batch), options.contentType);
      options.onAttempt({ kind: options.kind, url: options.target.url, status, items: batch.length, at: options.now() });
      if (status < 200 || status > 299) return;
      queue.splice(0, batch.length);
    }
  };
  return {
    push: (item) => {
      queue.push(item);
    },
    flush: () => (chain = chain.then(sendAll)),
  };
}
