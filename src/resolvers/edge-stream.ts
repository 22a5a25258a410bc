/**
 * Edges handed over as their pages arrive, read once by the executor as the async iterable a streamed list
 * resolves to. The pages are fetched by their own loop, not by the reader: `pageInfo`, which waits for the
 * last page, must settle even where a reader stops early, and the request's signal, not the reader, ends
 * the upstream work.
 */
export class EdgeStream<T> implements AsyncIterable<T> {
  readonly #buffer: T[] = [];
  #ended = false;
  #failure: { readonly error: unknown } | undefined;
  #wake: (() => void) | undefined;

  push(items: readonly T[]): void {
    this.#buffer.push(...items);
    this.#notify();
  }

  end(): void {
    this.#ended = true;
    this.#notify();
  }

  /** Ends the stream with `error`, which the reader sees after the edges before it. */
  fail(error: unknown): void {
    this.#failure = { error };
    this.#notify();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let next = 0;
    for (;;) {
      if (next < this.#buffer.length) {
        yield this.#buffer[next] as T;
        next += 1;
        continue;
      }
      if (this.#failure !== undefined) throw this.#failure.error;
      if (this.#ended) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
