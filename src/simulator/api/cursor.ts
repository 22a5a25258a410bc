import { apiError } from '../errors.ts';

/**
 * Checkpoint cursors shaped like the ones observed on real tenants: base64url of
 * `"<YYYY-MM-DD HH:MM:SS.ffffff>UTC,<id>"`, where the timestamp and id are those of the last record returned
 * (for members, the user id and when they joined). Nothing in one says when it was issued, so the simulator
 * remembers that itself to expire it, as Auth0 must; a cursor it never issued is refused like an expired one.
 */
export interface CursorRegistry {
  /** The cursor that resumes after the record `id` (dated `recordAtMs`), valid for the TTL from `nowMs`. */
  issue(recordAtMs: number, id: string, nowMs: number): string;
  /** The id to resume after; a 400 for a cursor that is malformed, unknown or older than the TTL. */
  resume(cursor: string, nowMs: number): string;
}

export function encodeCursor(recordAtMs: number, lastId: string): string {
  const stamp = new Date(recordAtMs).toISOString().replace('T', ' ').replace('Z', '000');
  return Buffer.from(`${stamp}UTC,${lastId}`).toString('base64url');
}

// UNCONFIRMED upstream: Auth0's body for an expired or malformed `from`.
const invalidCursor = () => apiError(400, "The 'from' parameter is invalid or has expired", 'invalid_paging');

function lastIdOf(cursor: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor();
  const match = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}UTC,(.+)$/s.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match === null) throw invalidCursor();
  return match[1] as string;
}

export function createCursorRegistry(ttlMs: number): CursorRegistry {
  // Insertion order is issue order (a cursor issued again moves to the end), so expired ones sit at the front.
  const issuedAt = new Map<string, number>();
  const forgetExpired = (nowMs: number): void => {
    for (const [cursor, at] of issuedAt) {
      if (nowMs - at <= ttlMs) return;
      issuedAt.delete(cursor);
    }
  };
  return {
    issue(recordAtMs, id, nowMs) {
      const cursor = encodeCursor(recordAtMs, id);
      issuedAt.delete(cursor);
      issuedAt.set(cursor, nowMs);
      forgetExpired(nowMs);
      return cursor;
    },
    resume(cursor, nowMs) {
      const id = lastIdOf(cursor);
      const at = issuedAt.get(cursor);
      if (at === undefined || nowMs - at > ttlMs) throw invalidCursor();
      return id;
    },
  };
}
