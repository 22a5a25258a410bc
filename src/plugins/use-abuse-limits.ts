import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLError, ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { QueryLimits } from '../config-types.ts';
import { maxOperationsRule } from './max-operations-rule.ts';
import { queryLimitError } from './query-limit-error.ts';
import type { QueryLimit } from './query-limit-error.ts';

/** The document limits of `Config.limits`; their defaults and reasons are the AUTH0_GRAPH_MAX_* settings'. */
export type AbuseLimits = Pick<QueryLimits, 'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxTokens' | 'maxOperations'>;

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
export function useAbuseLimits({ maxDepth, maxAliases, maxDirectives, maxTokens, maxOperations }: AbuseLimits): Plugin {
  // Made once: each rule is a factory of per-validation visitors, and yoga asks for the rules on every request,
  // even one whose validation result it then serves from its cache.
  const rules = [
    maxOperationsRule(maxOperations),
    maxDepthRule({ ...reportAs('depth', maxDepth), ignoreIntrospection: true }),
    maxAliasesRule(reportAs('aliases', maxAliases)),
    maxDirectivesRule(reportAs('directives', maxDirectives)),
  ];
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
      for (const rule of rules) addValidationRule(rule);
    },
  };
}
