import { z } from 'zod';
import type { LogEntry } from './wire.ts';

/**
 * Where the log poll stands and what each poll's outcome means for the caches: which entries to apply,
 * where to read from next, and when what the feed has not seen forces a flush of everything (a gap). Pure
 * and clocked by its caller, so the gap rules are tested on a fake clock (docs/design.md#answers-kept-until-they-change).
 */
export const trackerStateSchema = z.object({
  /** The last entry read; the next poll asks for what came after it. */
  checkpoint: z.string().optional(),
  /** Without a checkpoint: the last poll found no entries at all, so everything the next one finds is new. */
  emptyAnchor: z.boolean(),
  /** Epoch ms of the last poll that answered. */
  lastSuccessAt: z.number().optional(),
  /** Epoch ms of the first failure since then. */
  failingSince: z.number().optional(),
  /** The current failure has already flushed everything; once is enough. */
  flushedForFailure: z.boolean(),
  /** Age in ms of the newest entry when it was read (the feed's lag). */
  lagMs: z.number().optional(),
});

export type TrackerState = z.output<typeof trackerStateSchema>;

export const initialTrackerState: TrackerState = { emptyAnchor: false, flushedForFailure: false };

/** Entries per poll; Auth0 takes at most 100. */
export const TAKE = 100;

export type PollOutcome =
  /** The page read; `anchored` when it was read without a checkpoint (the most recent entries). */
  | { readonly kind: 'page'; readonly entries: readonly LogEntry[]; readonly anchored: boolean }
  /** Auth0 no longer knows the checkpoint (400 or 404 for `from`). */
  | { readonly kind: 'checkpoint-lost' }
  | { readonly kind: 'failed' };

export type FlushReason = 'start' | 'overflow' | 'checkpoint-lost' | 'failing' | 'lag';

export interface TrackerStep {
  readonly state: TrackerState;
  /** The entries to apply, in the order read. */
  readonly apply: readonly LogEntry[];
  /** Everything must go: the feed cannot vouch for what happened in between. */
  readonly flush?: FlushReason;
  /** A full page: read the next one now rather than at the next interval. */
  readonly more: boolean;
}

/**
 * Applies one poll's outcome at `now` (epoch ms). `maxStalenessMs` bounds how long the feed may fail, and how
 * late an entry may arrive, before the answers kept on its word are flushed.
 */
export function trackPoll(state: TrackerState, outcome: PollOutcome, now: number, maxStalenessMs: number): TrackerStep {
  if (outcome.kind === 'failed') {
    const failing = { ...state, failingSince: state.failingSince ?? now };
    const tooLong = state.lastSuccessAt !== undefined && now - state.lastSuccessAt > maxStalenessMs && !state.flushedForFailure;
    return tooLong
      ? { state: { ...failing, flushedForFailure: true }, apply: [], flush: 'failing', more: false }
      : { state: failing, apply: [], more: false };
  }
  if (outcome.kind === 'checkpoint-lost') {
    // Read again from the most recent entries; whatever happened in between is unknown.
    const lost: TrackerState = { ...initialTrackerState, lastSuccessAt: now, lagMs: state.lagMs };
    return { state: lost, apply: [], flush: 'checkpoint-lost', more: false };
  }
  const { entries, anchored } = outcome;
  const answered: TrackerState = { ...state, lastSuccessAt: now, failingSince: undefined, flushedForFailure: false };
  if (anchored) {
    const newest = newestOf(entries);
    const next: TrackerState = { ...answered, checkpoint: newest?.id, emptyAnchor: newest === undefined };
    // After an empty anchor, a page short of full holds everything since; otherwise the past is unknown.
    if (state.emptyAnchor && entries.length < TAKE) return { state: withLag(next, entries, now), apply: entries, more: false };
    return { state: next, apply: [], flush: state.emptyAnchor ? 'overflow' : 'start', more: false };
  }
  const last = entries.at(-1);
  const next = withLag({ ...answered, checkpoint: last?.id ?? state.checkpoint }, entries, now);
  const late = next.lagMs !== undefined && entries.length > 0 && next.lagMs > maxStalenessMs;
  return { state: next, apply: entries, ...(late ? { flush: 'lag' as const } : {}), more: entries.length >= TAKE };
}

/** Whether answers may be kept on the feed's word: it answered within the staleness bound. */
export function feedHealthy(state: TrackerState, now: number, maxStalenessMs: number): boolean {
  return state.lastSuccessAt !== undefined && now - state.lastSuccessAt <= maxStalenessMs;
}

function withLag(state: TrackerState, entries: readonly LogEntry[], now: number): TrackerState {
  const newest = newestOf(entries);
  return newest?.date === undefined ? state : { ...state, lagMs: Math.max(0, now - newest.date) };
}

/** Log order by date is not guaranteed (docs/auth0-api.md#how-a-tenant-reports-changes): the newest by date, else the last read. */
function newestOf(entries: readonly LogEntry[]): LogEntry | undefined {
  let newest: LogEntry | undefined;
  for (const entry of entries) {
    if (newest === undefined || (entry.date ?? -Infinity) >= (newest.date ?? -Infinity)) newest = entry;
  }
  return newest;
}
