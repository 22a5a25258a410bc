import { print } from 'graphql';
import type { DocumentNode } from 'graphql';

// Yoga's parser cache hands back one document object per query text, so each is printed once.
const printed = new WeakMap<DocumentNode, string>();

/** The document's normalized text, for keys that must agree however the client spaced its query. */
export function documentText(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}
