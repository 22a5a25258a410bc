import type { Prng } from '../prng.ts';

/**
 * Every secret the simulator seeds starts with this marker and names its kind, so a test can scan any text
 * (a GraphQL response, a log line) for a leaked one and report what leaked without printing it.
 */
export const SECRET_MARKER = 'SIMSECRET';

const SECRET_PATTERN = new RegExp(`${SECRET_MARKER}-([A-Za-z0-9_.]+)-[A-Za-z0-9]+`, 'g');

/** A unique secret of `kind` (e.g. `client.client_secret`); `length` random characters after the marker and kind. */
export function seedSecret(prng: Prng, kind: string, length: number): string {
  return `${SECRET_MARKER}-${kind}-${prng.string(length)}`;
}

/** The kinds of every marked secret in `text`, each once, in order of first appearance. */
export function secretKindsIn(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(SECRET_PATTERN), (match) => match[1] as string))];
}
