/** One part of an incremental (`@stream`/`@defer`) answer, as graphql-yoga sends it over multipart/mixed. */
export interface IncrementalPart {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
  readonly incremental?: readonly {
    readonly data?: Record<string, unknown>;
    /** `null` when the stream failed at this place; its `errors` say why. */
    readonly items?: readonly unknown[] | null;
    readonly path: readonly (string | number)[];
    readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
  }[];
  readonly hasNext?: boolean;
  readonly extensions?: Record<string, unknown>;
}

/**
 * The JSON parts of a multipart/mixed answer, each yielded as soon as its closing delimiter has arrived: a
 * test sees what a client has received so far, and may stop reading (or hang up) between parts.
 */
export async function* multipartParts(response: Response): AsyncGenerator<IncrementalPart> {
  const boundary = /boundary="?([^";]+)"?/.exec(response.headers.get('content-type') ?? '')?.[1];
  if (boundary === undefined || response.body === null) throw new Error(`not a multipart answer: ${response.headers.get('content-type')}`);
  const delimiter = `\r\n--${boundary}`;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      for (let end = nextPartEnd(buffer, delimiter); end >= 0; end = nextPartEnd(buffer, delimiter)) {
        const part = buffer.slice(delimiter.length, end);
        buffer = buffer.slice(end);
        yield JSON.parse(part.slice(part.indexOf('\r\n\r\n') + 4)) as IncrementalPart;
      }
      const { done, value } = await reader.read();
      if (done) return;
      buffer += value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Where the part that opens `buffer` ends (the next delimiter), or -1 while it is incomplete. */
function nextPartEnd(buffer: string, delimiter: string): number {
  if (!buffer.startsWith(delimiter)) return -1;
  return buffer.indexOf(delimiter, delimiter.length);
}

/** The answer the parts add up to: streamed items appended to their list, deferred data merged at its path. */
export function mergeParts(parts: readonly IncrementalPart[]): { data: Record<string, unknown>; errors: NonNullable<IncrementalPart['errors']>[number][] } {
  const data: Record<string, unknown> = structuredClone(parts[0]?.data ?? {});
  const errors = [...(parts[0]?.errors ?? [])];
  for (const part of parts.slice(1)) {
    for (const increment of part.incremental ?? []) {
      errors.push(...(increment.errors ?? []));
      if (increment.items !== undefined && increment.items !== null) {
        const list = at(data, increment.path.slice(0, -1)) as unknown[];
        list.splice(Number(increment.path.at(-1)), increment.items.length, ...increment.items);
      } else if (increment.data !== undefined) {
        Object.assign(at(data, increment.path) as object, increment.data);
      }
    }
  }
  return { data, errors };
}

function at(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
}
