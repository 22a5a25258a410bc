import type { z } from 'zod';
import { badUserInput } from './errors.ts';

/**
 * Cursors are opaque to callers: base64url JSON tagged with the field they page, so a cursor handed to
 * another field (or the same field with other filters) is refused instead of silently reading the wrong list.
 */
export function encodeCursor(tag: string, state: unknown): string {
  return Buffer.from(JSON.stringify({ t: tag, s: state })).toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(tag: string, cursor: string, schema: S): z.output<S> {
  let envelope: unknown;
  try {
    envelope = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badUserInput('`after` is not a cursor this server issued');
  }
  if (typeof envelope !== 'object' || envelope === null || (envelope as { t?: unknown }).t !== tag) {
    throw badUserInput('`after` is a cursor from another field or other arguments');
  }
  const parsed = schema.safeParse((envelope as { s?: unknown }).s);
  if (!parsed.success) throw badUserInput('`after` is not a cursor this server issued');
  return parsed.data;
}
