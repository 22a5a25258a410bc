/**
 * A caller's value as one Lucene phrase: quoted, with `\` and `"` escaped, so no value can close the phrase
 * and widen the query (`a" OR user_id:*`). Only the `search` argument is passed through as Lucene.
 */
export function phrase(value: string): string {
  return `"${value.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

/** `field:("a" OR "b")`. */
export function anyOf(field: string, values: readonly string[]): string {
  return `${field}:(${values.map(phrase).join(' OR ')})`;
}

/** Joins clauses with AND, parenthesizing each so a raw `search` cannot capture its neighbours. */
export function allOf(clauses: readonly string[]): string | undefined {
  if (clauses.length === 0) return undefined;
  if (clauses.length === 1) return clauses[0];
  return clauses.map((clause) => `(${clause})`).join(' AND ');
}
