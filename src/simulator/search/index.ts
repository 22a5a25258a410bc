import { compileNode } from './evaluate.ts';
import type { SearchContext, StoredUser } from './fields.ts';
import { parseQuery } from './parse.ts';

export { UserSearchError } from './errors.ts';
export { compileUserSort } from './sort.ts';
export type { SearchContext, StoredUser } from './fields.ts';

/** Compiles a `q` for `GET /users?search_engine=v3`; throws UserSearchError for what Auth0 answers with a 400. */
export function compileUserSearch(q: string): (user: StoredUser, ctx: SearchContext) => boolean {
  return compileNode(parseQuery(q));
}
