import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Listed documents by their SHA-256 hex hash: what clients send instead of the query text. */
export type TrustedDocuments = ReadonlyMap<string, string>;

export class TrustedDocumentsError extends Error {
  override readonly name = 'TrustedDocumentsError';
  readonly code = 'TRUSTED_DOCUMENTS_INVALID';
}

// GraphQL Code Generator's client preset writes `{ "<sha256>": "<document>" }`; a bare list of documents is accepted too.
const fileShape = z.union([z.record(z.string(), z.string().min(1)), z.array(z.string().min(1))]);

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Parses a trusted-documents file. Every document is also listed under the hash of its own text, so
 * a client that sends the full text of a listed document is accepted as well.
 */
export function parseTrustedDocuments(json: string, source = 'trusted documents'): TrustedDocuments {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new TrustedDocumentsError(`${source} is not JSON.`);
  }
  const parsed = fileShape.safeParse(raw);
  if (!parsed.success) {
    throw new TrustedDocumentsError(`${source} must be an object of hash → document or an array of documents.`);
  }
  const entries = Array.isArray(parsed.data) ? parsed.data.map((doc) => [sha256Hex(doc), doc] as const) : Object.entries(parsed.data);
  const documents = new Map<string, string>();
  for (const [hash, document] of entries) {
    documents.set(hash.replace(/^sha256:/, ''), document);
    documents.set(sha256Hex(document), document);
  }
  return documents;
}

export function loadTrustedDocuments(file: string): TrustedDocuments {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TrustedDocumentsError(`Cannot read AUTH0_GRAPH_PERSISTED_OPERATIONS file ${file}.`, { cause: error });
  }
  return parseTrustedDocuments(text, file);
}
