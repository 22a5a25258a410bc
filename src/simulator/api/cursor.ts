import { apiError } from '../errors.ts';

/**
 * Checkpoint cursors shaped like the ones observed on real tenants: base64url of
 * `"<YYYY-MM-DD HH:MM:SS.ffffff>UTC,<id>"`. Here the timestamp is when the cursor was issued (so it
 * can expire) and the id is the last record returned (so paging resumes after it).
 */
export function encodeCursor(issuedAtMs: number, lastId: string): string {
  const stamp = new Date(issuedAtMs).toISOString().replace('T', ' ').replace('Z', '000');
  return Buffer.from(`${stamp}UTC,${lastId}`).toString('base64url');
}

// UNCONFIRMED upstream: Auth0's body for an expired or malformed `from`.
const invalidCursor = () => apiError(400, "The 'from' parameter is invalid or has expired", 'invalid_paging');

/** The id after which to resume; throws a 400 for a cursor that is malformed or older than `ttlMs`. */
export function decodeCursor(cursor: string, nowMs: number, ttlMs: number): string {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}\.\d{3})\d{3}UTC,(.+)$/s.exec(text);
  if (match === null) throw invalidCursor();
  const issuedAtMs = Date.parse(`${match[1]}T${match[2]}Z`);
  if (Number.isNaN(issuedAtMs) || nowMs - issuedAtMs > ttlMs) throw invalidCursor();
  return match[3] as string;
}
