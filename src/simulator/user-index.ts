import type { CandidateHint } from './search/candidates.ts';
import type { MembershipRecord, UserRecord } from './tenant.ts';

/** Where the users a search hint names sit in the tenant's user list, without reading every profile. */
export interface UserIndex {
  /** Positions in the user list, ascending and distinct, of every user `hint` may name. */
  positions(hint: CandidateHint): number[];
}

interface CreatedOrder {
  /** Creation instants, ascending. */
  readonly ms: Float64Array;
  /** The user list position of each entry of `ms`. */
  readonly at: Int32Array;
}

/** First entry of `sorted` at or after `value` (`inclusive`), or after it. */
function bound(sorted: Float64Array, value: number, inclusive: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value || (!inclusive && sorted[mid] === value)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A typed array sorts numerically without a comparator, several times faster on the 10,000s an org or window names. */
function ascendingDistinct(positions: readonly number[]): number[] {
  const sorted = Int32Array.from(positions).sort();
  const out: number[] = [];
  for (const position of sorted) if (out[out.length - 1] !== position) out.push(position);
  return out;
}

/**
 * Each lookup table is built on first use, so seeding a tenant that is never searched pays nothing. The list may
 * only grow at its end while an index is in use; the store builds a new index after each write.
 */
export function createUserIndex(
  users: readonly UserRecord[],
  membersOf: (organizationId: string) => readonly MembershipRecord[],
): UserIndex {
  let byId: Map<string, number> | undefined;
  let byEmail: Map<string, number[]> | undefined;
  let created: CreatedOrder | undefined;

  const ids = (): Map<string, number> => (byId ??= new Map(users.map((user, i) => [user.user_id, i])));
  const emails = (): Map<string, number[]> => {
    if (byEmail !== undefined) return byEmail;
    const table = new Map<string, number[]>();
    users.forEach((user, i) => {
      const folded = user.email.toLowerCase();
      const list = table.get(folded);
      if (list === undefined) table.set(folded, [i]);
      else list.push(i);
    });
    return (byEmail = table);
  };
  const createdOrder = (): CreatedOrder => {
    if (created !== undefined) return created;
    const instants = users.map((user) => Date.parse(user.created_at));
    const at = Int32Array.from(users.keys()).sort((a, b) => (instants[a] as number) - (instants[b] as number) || a - b);
    return (created = { ms: Float64Array.from(at, (i) => instants[i] as number), at });
  };

  const lookup = (hint: CandidateHint): number[] => {
    switch (hint.kind) {
      case 'user-ids':
        return hint.values.flatMap((id) => ids().get(id) ?? []);
      case 'emails':
        return hint.values.flatMap((email) => emails().get(email) ?? []);
      case 'organizations':
        return hint.values.flatMap((orgId) => membersOf(orgId).flatMap((member) => ids().get(member.user_id) ?? []));
      case 'created': {
        const { ms, at } = createdOrder();
        return Array.from(at.subarray(bound(ms, hint.fromMs, true), bound(ms, hint.toMs, false)));
      }
      case 'union':
        return hint.hints.flatMap(lookup);
    }
  };
  return { positions: (hint) => ascendingDistinct(lookup(hint)) };
}
