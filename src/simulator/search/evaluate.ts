import type { Occur, QueryNode, ValueQuery } from './ast.ts';
import { quoteToken, UserSearchError } from './errors.ts';
import { BARE_TERM_FIELDS, resolveField, type SearchContext, type StoredUser } from './fields.ts';
import { asText, foldCase, valueTest, wildcardMatcher } from './matchers.ts';
import { gatherTermSets } from './term-set.ts';

export type UserPredicate = (user: StoredUser, ctx: SearchContext) => boolean;

const always: UserPredicate = () => true;
const never: UserPredicate = () => false;

/** Turns a parsed query into one predicate; all validation happens here, before any user is looked at. */
export function compileNode(node: QueryNode): UserPredicate {
  switch (node.kind) {
    case 'all':
      return always;
    case 'not': {
      const inner = compileNode(node.node);
      return (user, ctx) => !inner(user, ctx);
    }
    case 'and': {
      const parts = node.nodes.map(compileNode);
      return (user, ctx) => parts.every((part) => part(user, ctx));
    }
    case 'clauses':
      return compileClauses(node);
    case 'field':
      return node.field === null ? compileBareTerm(node.value) : compileField(node.field, node.value);
  }
}

/** Lucene's boolean clause list: every `must`, no `mustNot`, and one `should` unless a `must` is present. */
function compileClauses(node: Extract<QueryNode, { kind: 'clauses' }>): UserPredicate {
  const of = (occur: Occur): QueryNode[] => node.clauses.filter((c) => c.occur === occur).map((c) => c.node);
  const musts = of('must').map(compileNode);
  const mustNots = of('mustNot').map(compileNode);
  const { sets, rest } = gatherTermSets(of('should'));
  const shoulds = [...sets, ...rest.map(compileNode)];
  // A list of only exclusions means "everyone except", as Elasticsearch's query_string makes it.
  const shouldsOptional = musts.length > 0 || shoulds.length === 0;
  return (user, ctx) => {
    for (const test of musts) if (!test(user, ctx)) return false;
    for (const test of mustNots) if (test(user, ctx)) return false;
    return shouldsOptional || shoulds.some((test) => test(user, ctx));
  };
}

function compileField(field: string, query: ValueQuery): UserPredicate {
  const accessor = resolveField(field, query.kind === 'exists');
  // Auth0 does not reject unknown fields; nothing is indexed under them.
  if (accessor === undefined) return never;
  if (query.kind === 'exists') return (user, ctx) => accessor.values(user, ctx).length > 0;
  if (accessor.metadata === 'user_metadata' && (query.kind === 'wildcard' || query.kind === 'range')) {
    throw new UserSearchError(`${query.kind === 'wildcard' ? 'wildcard' : 'range'} searches are not allowed on user_metadata fields (${quoteToken(field)})`);
  }
  const test = valueTest(accessor.kind, query, field);
  return (user, ctx) => {
    for (const value of accessor.values(user, ctx)) if (test(value)) return true;
    return false;
  };
}

/**
 * A term without a field searches the profile's text, never metadata, ignoring case. It matches a whole
 * value or one of its words (split on spaces, `@` and `|`), so `jane` finds "Jane Smith" and `example.com`
 * finds every address there; a phrase matches consecutive words.
 */
function compileBareTerm(query: ValueQuery): UserPredicate {
  const matchesWords = bareWordTest(query);
  return (user, ctx) => {
    for (const field of BARE_TERM_FIELDS) {
      for (const value of field.values(user, ctx)) {
        const text = asText(value);
        if (text !== undefined && matchesWords(foldCase(text))) return true;
      }
    }
    return false;
  };
}

const WORD_SEPARATOR = /[\s@|]+/;

function bareWordTest(query: ValueQuery): (text: string) => boolean {
  switch (query.kind) {
    case 'exists':
      return () => true;
    case 'term': {
      const wanted = foldCase(query.text);
      return (text) => text === wanted || text.split(WORD_SEPARATOR).includes(wanted);
    }
    case 'phrase': {
      const wanted = foldCase(query.text);
      const wantedWords = ` ${wanted.split(WORD_SEPARATOR).join(' ')} `;
      return (text) => text === wanted || ` ${text.split(WORD_SEPARATOR).join(' ')} `.includes(wantedWords);
    }
    case 'wildcard': {
      const matches = wildcardMatcher(query.parts, true);
      return (text) => matches(text) || text.split(WORD_SEPARATOR).some(matches);
    }
    case 'range':
      throw new UserSearchError('a range needs a field name');
  }
}
