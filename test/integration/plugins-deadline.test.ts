import { getMaxListeners } from 'node:events';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { useDeadline } from '../../src/plugins/use-deadline.ts';
import type { DeadlineContext } from '../../src/plugins/use-deadline.ts';
import type { Deadline } from '../../src/resolvers/context.ts';

function app(timeoutSignal: AbortSignal, { readSignal = true, clock = (): number => 1_000_000 }: { readSignal?: boolean; clock?: () => number } = {}) {
  const deadlines: Deadline[] = [];
  const requested: number[] = [];
  const yoga = createYoga<DeadlineContext>({
    schema: createSchema<DeadlineContext>({
      typeDefs: 'type Query { aborted: Boolean }',
      resolvers: {
        Query: {
          aborted: (_root, _args, { deadline }) => {
            deadlines.push(deadline);
            return readSignal ? deadline.signal.aborted : null;
          },
        },
      },
    }),
    plugins: [
      useDeferStream(),
      useDeadline({
        timeoutMs: 2500,
        streamTimeoutMs: 60_000,
        maxListeners: 40,
        now: clock,
        timeout: (ms) => {
          requested.push(ms);
          return timeoutSignal;
        },
      }),
    ],
  });
  const run = async (signal?: AbortSignal) => {
    const response = await yoga.fetch('http://yoga/graphql?query=%7Baborted%7D', {
      headers: { accept: 'application/json' },
      ...(signal === undefined ? {} : { signal }),
    });
    return (await response.json()) as { data?: { aborted: boolean } };
  };
  /** The query sent with `directive` on a fragment around its field, answered in parts when it applies. */
  const runWith = async (directive: string, variables: Record<string, unknown> = {}) => {
    const query = `query ($stream: Boolean = true) { ... ${directive} { aborted } }`;
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { accept: 'multipart/mixed', 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return response.text();
  };
  return { run, runWith, deadlines, requested };
}

describe('useDeadline', () => {
  it('hands resolvers a live signal and the moment the deadline falls', async () => {
    const { run, deadlines, requested } = app(new AbortController().signal);
    expect(await run()).toEqual({ data: { aborted: false } });
    expect(requested).toEqual([2500]);
    expect(deadlines[0]?.expiresAt).toBe(1_002_500);
  });

  it('aborts the signal when the timeout fires', async () => {
    const timeout = new AbortController();
    const { run, deadlines } = app(timeout.signal);
    await run();
    timeout.abort(new DOMException('deadline', 'TimeoutError'));
    expect(deadlines[0]?.signal.aborted).toBe(true);
    expect((deadlines[0]?.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('aborts the signal when the client goes away', async () => {
    const client = new AbortController();
    const { run, deadlines } = app(new AbortController().signal);
    await run(client.signal);
    client.abort();
    expect(deadlines[0]?.signal.aborted).toBe(true);
  });

  it('makes no signal until one is read, then one for the time left', async () => {
    let clock = 1_000_000;
    const { run, deadlines, requested } = app(new AbortController().signal, { readSignal: false, clock: () => clock });
    expect(await run()).toEqual({ data: { aborted: null } });
    expect(requested).toEqual([]);
    clock += 1000;
    const first = deadlines[0]?.signal;
    expect(requested).toEqual([1500]);
    expect(deadlines[0]?.signal).toBe(first);
    expect(requested).toEqual([1500]);
    expect(deadlines[0]?.expiresAt).toBe(1_002_500);
  });

  it('gives an operation answered in parts the stream deadline, and a switched-off @defer the usual one', async () => {
    const { runWith, deadlines, requested } = app(new AbortController().signal);
    await runWith('@defer(if: $stream)');
    await runWith('@defer(if: $stream)', { stream: false });
    expect(requested).toEqual([60_000, 2500]);
    expect(deadlines.map((deadline) => deadline.expiresAt)).toEqual([1_060_000, 1_002_500]);
  });

  it('lets the signal hold as many listeners as upstream calls', async () => {
    const { run, deadlines } = app(new AbortController().signal);
    await run();
    const signal = deadlines[0]?.signal;
    expect(signal && getMaxListeners(signal)).toBe(40);
  });
});
