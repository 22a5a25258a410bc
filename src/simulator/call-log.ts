import type { EndpointGroup } from '../auth0/types.ts';

export interface CallEntry {
  readonly method: string;
  /** Decoded path under `/api/v2`, e.g. `/users/auth0|abc`. */
  readonly path: string;
  /** Route template, e.g. `/organizations/{id}/members`; `null` for unknown routes. */
  readonly route: string | null;
  readonly query: Readonly<Record<string, string | readonly string[]>>;
  readonly status: number;
  readonly group: EndpointGroup;
  /** Clock time the simulator received the call (ms). */
  readonly at: number;
  /** Kinds of the seeded secrets the answer carried, when it carried any: what a caller's allow-list let through. */
  readonly secretKinds?: readonly string[];
}

export type CallFilter = Partial<Pick<CallEntry, 'method' | 'path' | 'route' | 'status' | 'group'>> | ((entry: CallEntry) => boolean);

export interface CallLog {
  readonly entries: readonly CallEntry[];
  clear(): void;
  count(filter?: CallFilter): number;
  /** The most calls matching `filter` that fall in any window of `windowMs` (for "never over the limit" checks). */
  maxInAnyWindow(windowMs: number, filter?: CallFilter): number;
  /** @internal the server appends here. */
  record(entry: CallEntry): void;
}

function matches(entry: CallEntry, filter: CallFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (typeof filter === 'function') return filter(entry);
  return (Object.keys(filter) as (keyof typeof filter)[]).every((key) => entry[key] === filter[key]);
}

export function createCallLog(): CallLog {
  const entries: CallEntry[] = [];
  return {
    entries,
    clear: () => {
      entries.length = 0;
    },
    count: (filter) => entries.filter((e) => matches(e, filter)).length,
    maxInAnyWindow(windowMs, filter) {
      const times = entries
        .filter((e) => matches(e, filter))
        .map((e) => e.at)
        .sort((a, b) => a - b);
      let best = 0;
      let start = 0;
      for (let end = 0; end < times.length; end += 1) {
        while ((times[end] as number) - (times[start] as number) >= windowMs) start += 1;
        best = Math.max(best, end - start + 1);
      }
      return best;
    },
    record: (entry) => {
      entries.push(entry);
    },
  };
}
