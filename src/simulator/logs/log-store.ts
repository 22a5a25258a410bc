import { buildEntry, type LogEntry, type LogEvent } from './log-entry.ts';

/** Gets every entry the store holds once it is visible, in id order; the simulator's Log Streams listen here. */
export type LogListener = (entry: LogEntry) => void;

/**
 * The tenant's log. Entries are kept in id order, which is the order they became visible: an entry's id is
 * stamped with the instant it is ingested (its event time plus the configured delay), as real ids carry a
 * time later than their `date`, and a sequence breaks ties, so ids compare as strings and `from` can be any id.
 */
export interface LogStore {
  /** Records an event that happened at `atMs`; it is visible `delayMs` later. */
  append(event: LogEvent, atMs: number): LogEntry;
  /** Entries visible at `nowMs`, oldest first. */
  visible(nowMs: number): readonly LogEntry[];
  /** Up to `take` visible entries with an id after `fromId`, oldest first. */
  after(fromId: string, take: number, nowMs: number): readonly LogEntry[];
  byId(id: string, nowMs: number): LogEntry | undefined;
  /** Calls `listener` with each entry as it becomes visible (at the latest on the next read or `flush`). */
  subscribe(listener: LogListener): () => void;
  /** Hands every entry visible at `nowMs` that listeners have not seen yet to them. */
  flush(nowMs: number): void;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/**
 * `900`, the ingestion instant to the microsecond (`yyyyMMddHHmmss` then six digits) and a 33-digit sequence:
 * 56 digits, the shape of recorded ids. What Auth0 puts in the tail is unknown; only the ordering is relied on.
 */
export function logIdOf(ingestedAtMs: number, sequence: number): string {
  const at = new Date(ingestedAtMs);
  const stamp =
    pad(at.getUTCFullYear(), 4) +
    pad(at.getUTCMonth() + 1, 2) +
    pad(at.getUTCDate(), 2) +
    pad(at.getUTCHours(), 2) +
    pad(at.getUTCMinutes(), 2) +
    pad(at.getUTCSeconds(), 2) +
    pad(at.getUTCMilliseconds() * 1000, 6);
  return `900${stamp}${pad(sequence, 33)}`;
}

export function createLogStore(delayMs: number): LogStore {
  const entries: LogEntry[] = [];
  const ingestedAt: number[] = [];
  const ids = new Map<string, number>();
  const listeners = new Set<LogListener>();
  let sequence = 0;
  let lastIngestMs = 0;
  let delivered = 0;

  const visibleCount = (nowMs: number): number => {
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((ingestedAt[mid] as number) <= nowMs) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const flush = (nowMs: number): void => {
    const upTo = visibleCount(nowMs);
    while (delivered < upTo) {
      const entry = entries[delivered] as LogEntry;
      delivered += 1;
      for (const listener of listeners) listener(entry);
    }
  };
  /** First position whose id sorts after `id`. */
  const positionAfter = (id: string): number => {
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((entries[mid] as LogEntry).log_id <= id) low = mid + 1;
      else high = mid;
    }
    return low;
  };

  return {
    append(event, atMs) {
      // A clock that stands still or steps back must not break id order, so ingestion never goes backwards.
      const ingest = Math.max(atMs + delayMs, lastIngestMs);
      lastIngestMs = ingest;
      sequence += 1;
      const entry = buildEntry(logIdOf(ingest, sequence), atMs, event);
      entries.push(entry);
      ingestedAt.push(ingest);
      ids.set(entry.log_id, entries.length - 1);
      flush(atMs);
      return entry;
    },
    visible(nowMs) {
      flush(nowMs);
      return entries.slice(0, visibleCount(nowMs));
    },
    after(fromId, take, nowMs) {
      flush(nowMs);
      const start = positionAfter(fromId);
      return entries.slice(start, Math.min(start + take, visibleCount(nowMs)));
    },
    byId(id, nowMs) {
      const at = ids.get(id);
      return at === undefined || (ingestedAt[at] as number) > nowMs ? undefined : entries[at];
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush,
  };
}
