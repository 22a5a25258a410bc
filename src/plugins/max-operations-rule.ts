import { Kind } from 'graphql';
import type { ValidationRule } from 'graphql';
import { queryLimitError } from './query-limit-error.ts';

/**
 * Bounds the operations in one document: only one runs, but every one is parsed and validated, so
 * thousands of them are work for nothing.
 */
export function maxOperationsRule(max: number): ValidationRule {
  return (context) => ({
    Document(node) {
      const count = node.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
      if (count > max) {
        context.reportError(
          queryLimitError('operations', max, `Operation limit of ${max} per document exceeded, found ${count}.`),
        );
      }
    },
  });
}
