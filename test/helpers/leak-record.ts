import { appendFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Writable } from 'node:stream';
import { expect, inject } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/options.ts';
import type { LeakRecord } from './leak-scan.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where integration workers record what left the product, for test/guard/leak-guard.ts to scan. */
    leakRecordDir: string;
  }
}

/** One file per worker process, so appends never interleave. */
function recordFile(): string | undefined {
  const dir = inject('leakRecordDir') as string | undefined;
  return dir === undefined ? undefined : join(dir, `worker-${process.pid}.jsonl`);
}

function append(entry: (where: { file: string; test: string }) => LeakRecord): void {
  const file = recordFile();
  if (file === undefined) return;
  const state = expect.getState();
  const where = { file: relative(process.cwd(), state.testPath ?? 'unknown'), test: state.currentTestName ?? '(hooks)' };
  appendFileSync(file, `${JSON.stringify(entry(where))}\n`);
}

/**
 * The recording side of the whole-suite secret guard: wherever a test builds the app over a simulator, it
 * records the GraphQL bodies it got, the app's log lines, and the secrets the simulator served the app.
 */
export interface LeakTap {
  /** A GraphQL response body as received. */
  response(text: string): void;
  /** A logger destination: each line is recorded, then handed to `also`. */
  logDestination(also?: (line: string) => void): Writable;
  /** Records the calls since the last time whose answers carried secrets. */
  upstream(): void;
}

export function tapApp(sim: RunningSimulator): LeakTap {
  let seen = 0;
  return {
    response: (text) => append((where) => ({ source: 'graphql', ...where, text })),
    logDestination: (also) =>
      new Writable({
        write(chunk: Buffer | string, _encoding, callback) {
          for (const line of chunk.toString().split('\n')) {
            if (line === '') continue;
            append((where) => ({ source: 'log', ...where, text: line }));
            also?.(line);
          }
          callback();
        },
      }),
    upstream() {
      // A test may clear the call log between two of its queries.
      if (seen > sim.calls.entries.length) seen = 0;
      for (const call of sim.calls.entries.slice(seen)) {
        if (call.secretKinds !== undefined) append((where) => ({ source: 'upstream', ...where, route: call.route ?? call.path, kinds: call.secretKinds ?? [] }));
      }
      seen = sim.calls.entries.length;
    },
  };
}
