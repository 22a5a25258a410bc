import type { Occur, QueryNode, ValueQuery } from './ast.ts';
import { quoteToken, UserSearchError } from './errors.ts';
import { termText, type Token } from './tokens.ts';
import { tokenize } from './tokenize.ts';

const EXISTS_FIELD = '_exists_';
const COMPARISONS = ['>=', '<=', '>', '<'] as const;
/** Groups and prefixes nest by recursion; past this depth a query is refused instead of overflowing the stack. */
const MAX_NESTING = 64;

/** A clause as written: `negated` marks a `NOT x`, whose meaning depends on its neighbours (see `combine`). */
interface Clause {
  readonly occur: Occur | 'negated';
  readonly node: QueryNode;
  readonly afterOr: boolean;
}

/**
 * Parses a Lucene query string the way Auth0's v3 search reads it.
 *
 * Precedence is NOT over AND over OR. Juxtaposed clauses are alternatives (`a b` = `a OR b`): that is
 * Lucene's and Elasticsearch's default operator, and Auth0 documents no other. `+x`/`-x` keep their Lucene
 * meaning inside such a list (`a -b` = a without b). A `NOT x` next to an explicit `OR` is plain negation,
 * so Auth0's documented `NOT _exists_:logins_count OR logins_count:0` finds users who never logged in or
 * have zero logins; elsewhere it excludes like `-x` (`a NOT b` = a without b).
 */
export function parseQuery(q: string): QueryNode {
  const tokens = tokenize(q);
  let index = 0;
  let depth = 0;
  const nested = <T>(parse: () => T): T => {
    depth += 1;
    try {
      if (depth > MAX_NESTING) throw new UserSearchError(`the query nests deeper than ${MAX_NESTING} levels`);
      return parse();
    } finally {
      depth -= 1;
    }
  };
  const peek = (): Token => tokens[index] ?? { type: 'eof', pos: q.length };
  const next = (): Token => {
    const token = peek();
    index += 1;
    return token;
  };

  const startsClause = (token: Token): boolean =>
    token.type === 'term' ||
    token.type === 'phrase' ||
    token.type === 'range' ||
    token.type === 'lparen' ||
    token.type === 'not' ||
    token.type === 'must' ||
    token.type === 'mustNot';

  const unexpected = (token: Token): UserSearchError => {
    switch (token.type) {
      case 'eof':
        return new UserSearchError('the query ends where a search term was expected');
      case 'rparen':
        return new UserSearchError(`unbalanced parenthesis at position ${token.pos}`);
      case 'and':
      case 'or':
        return new UserSearchError(`operator at position ${token.pos} needs a search term on both sides`);
      default:
        return token.type === 'colon'
          ? new UserSearchError(`unexpected ":" at position ${token.pos}; quote or escape values that contain ":"`)
          : new UserSearchError(`unexpected token at position ${token.pos}`);
    }
  };

  const parseOr = (defaultField: string | null): QueryNode => {
    const clauses: Clause[] = [{ ...parseAnd(defaultField), afterOr: false }];
    for (;;) {
      const token = peek();
      if (token.type === 'or') {
        next();
        clauses.push({ ...parseAnd(defaultField), afterOr: true });
      } else if (startsClause(token)) {
        clauses.push({ ...parseAnd(defaultField), afterOr: false });
      } else {
        return combine(clauses);
      }
    }
  };

  const parseAnd = (defaultField: string | null): { occur: Clause['occur']; node: QueryNode } => {
    const first = parseUnary(defaultField);
    if (peek().type !== 'and') return first;
    const nodes = [asNode(first)];
    while (peek().type === 'and') {
      next();
      nodes.push(asNode(parseUnary(defaultField)));
    }
    return { occur: 'should', node: { kind: 'and', nodes } };
  };

  const parseUnary = (defaultField: string | null): { occur: Clause['occur']; node: QueryNode } => {
    const token = peek();
    if (token.type === 'not' || token.type === 'must' || token.type === 'mustNot') {
      next();
      const node = asNode(nested(() => parseUnary(defaultField)));
      const occur = token.type === 'not' ? 'negated' : token.type;
      return { occur, node };
    }
    return { occur: 'should', node: parsePrimary(defaultField) };
  };

  const parseGroup = (defaultField: string | null): QueryNode => {
    const open = next();
    const inner = nested(() => parseOr(defaultField));
    if (peek().type !== 'rparen') throw new UserSearchError(`missing closing parenthesis for position ${open.pos}`);
    next();
    return inner;
  };

  const parsePrimary = (defaultField: string | null): QueryNode => {
    const token = peek();
    if (token.type === 'lparen') return parseGroup(defaultField);
    if (token.type === 'term' && tokens[index + 1]?.type === 'colon') {
      index += 2;
      const field = termText(token);
      const value = peek();
      if (value.type === 'lparen') return parseGroup(field);
      if (value.type === 'term' || value.type === 'phrase' || value.type === 'range') {
        next();
        return fieldQuery(field, value);
      }
      throw new UserSearchError(`field ${quoteToken(field)} has no value`);
    }
    if (token.type === 'term' || token.type === 'phrase' || token.type === 'range') {
      next();
      return fieldQuery(defaultField, token);
    }
    throw unexpected(token);
  };

  const tree = tokens.length === 1 ? ({ kind: 'all' } as const) : parseOr(null);
  const rest = peek();
  if (rest.type !== 'eof') throw unexpected(rest);
  return tree;
}

function asNode(clause: { occur: Clause['occur']; node: QueryNode }): QueryNode {
  return clause.occur === 'mustNot' || clause.occur === 'negated' ? { kind: 'not', node: clause.node } : clause.node;
}

function combine(clauses: readonly Clause[]): QueryNode {
  const resolved = clauses.map((clause, i) => {
    if (clause.occur !== 'negated') return { occur: clause.occur, node: clause.node };
    const nextIsOr = clauses[i + 1]?.afterOr === true;
    return clause.afterOr || nextIsOr
      ? { occur: 'should' as const, node: { kind: 'not', node: clause.node } as const }
      : { occur: 'mustNot' as const, node: clause.node };
  });
  const only = resolved.length === 1 ? resolved[0] : undefined;
  if (only !== undefined) return only.occur === 'mustNot' ? { kind: 'not', node: only.node } : only.node;
  return { kind: 'clauses', clauses: resolved };
}

function fieldQuery(
  field: string | null,
  token: Extract<Token, { type: 'term' | 'phrase' | 'range' }>,
): QueryNode {
  if (field === '*') field = null;
  if (field === EXISTS_FIELD) {
    const name = token.type === 'phrase' ? token.text : token.type === 'term' && token.parts.length === 1 ? token.parts[0] : undefined;
    if (name === undefined || name === '') throw new UserSearchError('"_exists_" needs a field name');
    return { kind: 'field', field: name, value: { kind: 'exists' } };
  }
  const value = valueQuery(token);
  if (value.kind === 'exists' && field === null) return { kind: 'all' };
  return { kind: 'field', field, value };
}

function valueQuery(token: Extract<Token, { type: 'term' | 'phrase' | 'range' }>): ValueQuery {
  if (token.type === 'phrase') return { kind: 'phrase', text: token.text };
  if (token.type === 'range') {
    const { lower, upper, lowerInclusive, upperInclusive } = token;
    return { kind: 'range', lower, upper, lowerInclusive, upperInclusive };
  }
  if (token.parts.length > 1) {
    return token.parts.every((part) => part === '') && token.parts.length === 2
      ? { kind: 'exists' }
      : { kind: 'wildcard', parts: token.parts };
  }
  const text = token.parts[0] ?? '';
  const comparison = token.plain ? COMPARISONS.find((op) => text.startsWith(op)) : undefined;
  if (comparison === undefined) return { kind: 'term', text };
  const bound = { text: text.slice(comparison.length), open: false };
  if (bound.text === '') throw new UserSearchError(`comparison ${quoteToken(text)} has no value`);
  const open = { text: '*', open: true };
  return comparison.startsWith('>')
    ? { kind: 'range', lower: bound, upper: open, lowerInclusive: comparison === '>=', upperInclusive: true }
    : { kind: 'range', lower: open, upper: bound, lowerInclusive: true, upperInclusive: comparison === '<=' };
}
