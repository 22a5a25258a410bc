import type { QueryNode, ValueQuery } from './ast.ts';
import { parseDateSpan } from './dates.ts';
import { foldCase } from './matchers.ts';

/**
 * Users a query can only match among, named by something an index answers without reading every profile: ids,
 * addresses (folded), an organization's members, or a creation-time span (inclusive, in ms). Always a superset of
 * the matches; the compiled predicate still decides, so a hint only ever saves work.
 */
export type CandidateHint =
  | { readonly kind: 'user-ids'; readonly values: readonly string[] }
  | { readonly kind: 'emails'; readonly values: readonly string[] }
  | { readonly kind: 'organizations'; readonly values: readonly string[] }
  | { readonly kind: 'created'; readonly fromMs: number; readonly toMs: number }
  | { readonly kind: 'union'; readonly hints: readonly CandidateHint[] };

const exactText = (value: ValueQuery): string | undefined =>
  value.kind === 'term' || value.kind === 'phrase' ? value.text : undefined;

function createdSpan(value: ValueQuery): CandidateHint | undefined {
  if (value.kind !== 'range') return undefined;
  try {
    const fromMs = value.lower.open ? -Infinity : parseDateSpan(value.lower.text).start;
    const toMs = value.upper.open ? Infinity : parseDateSpan(value.upper.text).end;
    return { kind: 'created', fromMs, toMs };
  } catch {
    // The predicate reports a bad date as a 400; a hint is never the place that decides it.
    return undefined;
  }
}

function fieldHint(field: string, value: ValueQuery): CandidateHint | undefined {
  const text = exactText(value);
  switch (field) {
    case 'user_id':
      return text === undefined ? undefined : { kind: 'user-ids', values: [text] };
    case 'email':
      return text === undefined ? undefined : { kind: 'emails', values: [foldCase(text)] };
    case 'organization_id':
      return text === undefined ? undefined : { kind: 'organizations', values: [text] };
    case 'created_at':
      return createdSpan(value);
    default:
      return undefined;
  }
}

/** A span is the last resort: an id, address or organization usually names far fewer users. */
const narrowest = (hints: readonly (CandidateHint | undefined)[]): CandidateHint | undefined =>
  hints.find((hint) => hint !== undefined && hint.kind !== 'created') ?? hints.find((hint) => hint !== undefined);

function union(hints: readonly CandidateHint[]): CandidateHint {
  const [first] = hints;
  if (hints.length === 1 && first !== undefined) return first;
  return { kind: 'union', hints };
}

/** The hint for a parsed `q`, or undefined when only reading every user can answer it. */
export function candidateHint(node: QueryNode): CandidateHint | undefined {
  switch (node.kind) {
    case 'field':
      return node.field === null ? undefined : fieldHint(node.field, node.value);
    case 'and':
      return narrowest(node.nodes.map(candidateHint));
    case 'clauses': {
      const musts = node.clauses.filter((c) => c.occur === 'must').map((c) => candidateHint(c.node));
      if (musts.length > 0) return narrowest(musts);
      const shoulds = node.clauses.filter((c) => c.occur === 'should');
      const hints = shoulds.map((c) => candidateHint(c.node)).filter((hint): hint is CandidateHint => hint !== undefined);
      // With no alternatives the list means "everyone except", which no index narrows; one alternative an index
      // cannot name may match anyone.
      if (shoulds.length === 0 || hints.length < shoulds.length) return undefined;
      return union(hints);
    }
    default:
      return undefined;
  }
}
