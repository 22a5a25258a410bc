/**
 * The order in which queued calls get the rate budget (docs/design.md#fair-under-overload): flows take turns.
 * A flow is the work of one GraphQL request; each of its queued calls gets a turn number one past the flow's
 * last, and a flow that joins starts at the turn being served now, so it waits behind one call of every other
 * flow and not behind another request's whole backlog. With one call per request this is arrival order, and
 * tail refusals under overload then fall on every kind of query in proportion to how often it is asked.
 * Retries come first, in arrival order: their flow has already waited once. Background work (the change feed)
 * comes after all of it, its retries included: it is never worth a request's place.
 */
export interface FairKey {
  readonly background: boolean;
  readonly priority: boolean;
  /** The turn; only meaningful between non-priority keys. */
  readonly turn: number;
  /** Arrival order, breaking ties. */
  readonly seq: number;
}

export function compareKeys(a: FairKey, b: FairKey): number {
  if (a.background !== b.background) return a.background ? 1 : -1;
  if (a.priority !== b.priority) return a.priority ? -1 : 1;
  if (!a.priority && a.turn !== b.turn) return a.turn - b.turn;
  return a.seq - b.seq;
}

export interface FairOrder {
  /** The key of a call joining `flow`'s queue. */
  enter(flow: object, priority: boolean, background?: boolean): FairKey;
  /** A call left the queue, granted or refused; a flow with nothing queued forgets its turns. */
  leave(flow: object, key: FairKey, granted: boolean): void;
}

interface FlowState {
  /** The turn after this flow's last queued call. */
  next: number;
  queued: number;
}

export function createFairOrder(): FairOrder {
  const flows = new Map<object, FlowState>();
  // The turn of the last call granted: a flow that joins now starts here.
  let current = 0;
  let seq = 0;
  return {
    enter(flow, priority, background = false) {
      seq += 1;
      const state = flows.get(flow) ?? { next: current, queued: 0 };
      state.queued += 1;
      flows.set(flow, state);
      if (priority) return { background, priority, turn: current, seq };
      const turn = Math.max(current, state.next);
      state.next = turn + 1;
      return { background, priority, turn, seq };
    },
    leave(flow, key, granted) {
      if (granted && !key.priority) current = Math.max(current, key.turn);
      const state = flows.get(flow);
      if (state === undefined) return;
      state.queued -= 1;
      if (state.queued <= 0) flows.delete(flow);
    },
  };
}
