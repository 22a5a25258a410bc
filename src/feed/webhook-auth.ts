import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether an `Authorization` header is `Bearer <token>`. The comparison takes the same time whatever the
 * header holds: both sides are hashed to one length first, so neither a differing byte's position nor a
 * differing length shows in the time it takes.
 */
export function bearerMatches(header: string | null, token: string): boolean {
  const presented = header?.startsWith('Bearer ') === true ? header.slice('Bearer '.length) : '';
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(token)) && presented !== '';
}
