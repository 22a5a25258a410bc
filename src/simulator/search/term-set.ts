import type { QueryNode } from './ast.ts';
import { resolveField, type StoredUser, type SearchContext } from './fields.ts';
import { asText, foldCase } from './matchers.ts';

type Predicate = (user: StoredUser, ctx: SearchContext) => boolean;

/** Fewer alternatives than this are cheaper to test one by one than to gather into a set. */
const MIN_SET_SIZE = 4;

/**
 * Gathers alternatives like `user_id:("a" OR "b" OR …)`, the query every id batch sends, into one set
 * lookup per field, so a 100-id batch costs one probe per user instead of a hundred comparisons.
 * Only exact matches on profile text fields qualify: they can never fail validation, so skipping their
 * one-by-one compilation changes nothing but speed. Returns the set predicates and the nodes left over.
 */
export function gatherTermSets(nodes: readonly QueryNode[]): { sets: Predicate[]; rest: QueryNode[] } {
  const byField = new Map<string, string[]>();
  const rest: QueryNode[] = [];
  for (const node of nodes) {
    const field = node.kind === 'field' && node.field !== null ? node.field : undefined;
    const text = node.kind === 'field' && (node.value.kind === 'term' || node.value.kind === 'phrase') ? node.value.text : undefined;
    const kind = field === undefined ? undefined : resolveField(field)?.kind;
    if (field === undefined || text === undefined || (kind !== 'text' && kind !== 'folded')) {
      rest.push(node);
      continue;
    }
    byField.set(field, [...(byField.get(field) ?? []), text]);
  }
  const sets: Predicate[] = [];
  for (const [field, texts] of byField) {
    if (texts.length < MIN_SET_SIZE) {
      for (const text of texts) rest.push({ kind: 'field', field, value: { kind: 'term', text } });
      continue;
    }
    sets.push(setPredicate(field, texts));
  }
  return { sets, rest };
}

function setPredicate(field: string, texts: readonly string[]): Predicate {
  const accessor = resolveField(field);
  if (accessor === undefined) return () => false;
  const fold = accessor.kind === 'folded';
  const wanted = new Set(fold ? texts.map(foldCase) : texts);
  return (user, ctx) => {
    for (const value of accessor.values(user, ctx)) {
      const text = asText(value);
      if (text !== undefined && wanted.has(fold ? foldCase(text) : text)) return true;
    }
    return false;
  };
}
