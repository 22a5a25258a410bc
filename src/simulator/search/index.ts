import { candidateHint, type CandidateHint } from './candidates.ts';
import { compileNode } from './evaluate.ts';
import type { SearchContext, StoredUser } from './fields.ts';
import { parseQuery } from './parse.ts';

export { UserSearchError } from './errors.ts';
export { compileUserOrder, leadingUsers } from './sort.ts';
export type { SortKey, UserOrder } from './sort.ts';
export type { SearchContext, StoredUser } from './fields.ts';
export type { CandidateHint } from './candidates.ts';

/** Compiles a `q` for `GET /users?search_engine=v3`; throws UserSearchError for what Auth0 answers with a 400. */
export function compileUserSearch(q: string): (user: StoredUser, ctx: SearchContext) => boolean {
  return compileNode(parseQuery(q));
}

/** `compileUserSearch` plus the users an index can narrow the query to (see CandidateHint), if any. */
export function planUserSearch(q: string): { matches: (user: StoredUser, ctx: SearchContext) => boolean; hint: CandidateHint | undefined } {
  const node = parseQuery(q);
  const matches = compileNode(node);
  return { matches, hint: candidateHint(node) };
}
