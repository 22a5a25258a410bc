import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface MaskedIncrementalErrorsOptions {
  /** The same `maskError` yoga applies to an answer's top-level errors. */
  readonly maskError: (error: unknown, message: string) => Error;
  /** @default 'Unexpected error.' (yoga's) */
  readonly message?: string;
}

interface Increment {
  readonly errors?: readonly GraphQLError[];
}

/**
 * Yoga masks the `errors` of each part of an answer, but not the errors inside its `incremental` entries,
 * where a failing streamed item or deferred fragment puts them. Those go through the same `maskError`, so a
 * streamed answer's errors carry the same codes, and hide the same internals, as any other.
 */
export function useMaskedIncrementalErrors({ maskError, message = 'Unexpected error.' }: MaskedIncrementalErrorsOptions): Plugin {
  const masked = (increment: Increment): Increment =>
    increment.errors === undefined ? increment : { ...increment, errors: increment.errors.map((error) => maskError(error, message) as GraphQLError) };
  return {
    onExecute() {
      return {
        onExecuteDone({ result }) {
          if (!(Symbol.asyncIterator in result)) return undefined;
          return {
            onNext({ result: part, setResult }) {
              const increments: unknown = 'incremental' in part ? part.incremental : undefined;
              if (!Array.isArray(increments) || !increments.some((increment: Increment) => increment.errors !== undefined)) return;
              setResult({ ...part, incremental: increments.map(masked) } as typeof part);
            },
          };
        },
      };
    },
  };
}
