/** One `next` event of a Server-Sent Events answer, as graphql-yoga sends each result of a live query. */
export interface LiveResult {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
  readonly isLive?: boolean;
}

/**
 * The results of a `text/event-stream` answer, each yielded as soon as its event has arrived; comments (yoga's
 * keep-alive pings) are skipped and `complete` ends it. A test may stop reading (or hang up) between events.
 */
export async function* sseResults(response: Response): AsyncGenerator<LiveResult> {
  if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream') || response.body === null) {
    throw new Error(`not an event stream: ${response.status} ${response.headers.get('content-type')}`);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = event.split('\n');
        const name = lines.find((line) => line.startsWith('event:'))?.slice('event:'.length).trim();
        if (name === 'complete') return;
        if (name !== 'next') continue;
        const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice('data:'.length).trimStart()).join('\n');
        yield JSON.parse(data) as LiveResult;
      }
      const { value, done } = await reader.read();
      if (done === true) return;
      buffer += value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
