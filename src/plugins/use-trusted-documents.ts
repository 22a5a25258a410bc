import { createGraphQLError } from 'graphql-yoga';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { loadTrustedDocuments, sha256Hex } from './trusted-documents.ts';
import type { TrustedDocuments } from './trusted-documents.ts';

export type TrustedDocumentsOptions =
  /** AUTH0_GRAPH_PERSISTED_OPERATIONS: read once at startup; a bad file stops the server from starting. */
  | { readonly file: string }
  | { readonly documents: TrustedDocuments };

/** The id in Apollo's `extensions.persistedQuery`, which yoga passes through (it refuses unknown body keys). */
function documentIdOf(params: GraphQLParams): string | undefined {
  const persisted: unknown = params.extensions?.['persistedQuery'];
  if (typeof persisted === 'object' && persisted !== null && 'sha256Hash' in persisted && typeof persisted.sha256Hash === 'string') {
    return persisted.sha256Hash.replace(/^sha256:/, '');
  }
  return undefined;
}

function refused(message: string, code: string) {
  return createGraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/**
 * Allow-list mode: only listed documents run, picked by hash (or sent verbatim); anything else is
 * refused before parsing. For dashboards that ship fixed queries.
 */
export function useTrustedDocuments(options: TrustedDocumentsOptions): Plugin {
  const documents = 'file' in options ? loadTrustedDocuments(options.file) : options.documents;
  return {
    onParams({ params, setParams }) {
      if (typeof params.query === 'string' && params.query.length > 0) {
        if (!documents.has(sha256Hex(params.query))) {
          throw refused('Only trusted documents may run on this server; this query is not listed.', 'PERSISTED_QUERY_NOT_IN_LIST');
        }
        return;
      }
      const id = documentIdOf(params);
      if (id === undefined) {
        throw refused('Send a trusted document id (extensions.persistedQuery.sha256Hash).', 'PERSISTED_QUERY_ID_REQUIRED');
      }
      const query = documents.get(id);
      if (query === undefined) throw refused(`Document ${id.slice(0, 64)} is not listed.`, 'PERSISTED_QUERY_NOT_IN_LIST');
      setParams({ ...params, query });
    },
  };
}
