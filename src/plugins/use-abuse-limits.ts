import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLError, ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { maxOperationsRule } from './max-operations-rule.ts';
import { queryLimitError } from './query-limit-error.ts';
import type { QueryLimit } from './query-limit-error.ts';

export interface AbuseLimits {
  /**
   * Deepest field nesting. The deepest useful query (organizations → members → user → roles →
   * permissions, through Relay edges/node) is 14 levels.
   * @default 15
   */
  readonly maxDepth?: number;
  /**
   * Enrichment asks for many users by id as aliases of `user(userId:)`; 100 fills one user search batch.
   * @default 100
   */
  readonly maxAliases?: number;
  /** @default 50 */
  readonly maxDirectives?: number;
  /**
   * Lexical tokens in the document; bounds parsing work before anything else can look at it.
   * @default 2000
   */
  readonly maxTokens?: number;
  /** @default 10 */
  readonly maxOperations?: number;
}

export const DEFAULT_ABUSE_LIMITS: Required<AbuseLimits> = {
  maxDepth: 15,
  maxAliases: 100,
  maxDirectives: 50,
  maxTokens: 2000,
  maxOperations: 10,
};

function reportAs(limit: QueryLimit, max: number) {
  return {
    n: max,
    exposeLimits: true,
    // Collect through the validation context rather than throwing, so every limit hit is reported at once.
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        context?.reportError(queryLimitError(limit, max, error.message));
      },
    ],
  };
}

/**
 * Refuses oversized documents while parsing and validating, so they never reach a resolver and never
 * cost an upstream call. Errors carry `extensions.code = "QUERY_LIMIT"`, the limit's name and its value.
 */
export function useAbuseLimits(limits: AbuseLimits = {}): Plugin {
  const { maxDepth, maxAliases, maxDirectives, maxTokens, maxOperations } = { ...DEFAULT_ABUSE_LIMITS, ...limits };
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        const parser = new MaxTokensParserWLexer(source, {
          ...options,
          n: maxTokens,
          exposeLimits: true,
          onReject: [
            (_context, error) => {
              // Throwing here stops the lexer at the limit instead of reading the rest of a huge document.
              throw queryLimitError('tokens', maxTokens, error.message);
            },
          ],
        });
        return parser.parseDocument();
      });
    },
    onValidate({ addValidationRule }) {
      addValidationRule(maxOperationsRule(maxOperations));
      addValidationRule(maxDepthRule({ ...reportAs('depth', maxDepth), ignoreIntrospection: true }));
      addValidationRule(maxAliasesRule(reportAs('aliases', maxAliases)));
      addValidationRule(maxDirectivesRule(reportAs('directives', maxDirectives)));
    },
  };
}
