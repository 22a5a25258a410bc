import type { RangeBound } from './tokens.ts';

/** What a single `field:value` asks of one field. */
export type ValueQuery =
  | { readonly kind: 'term'; readonly text: string }
  | { readonly kind: 'phrase'; readonly text: string }
  | { readonly kind: 'wildcard'; readonly parts: readonly string[] }
  | {
      readonly kind: 'range';
      readonly lower: RangeBound;
      readonly upper: RangeBound;
      readonly lowerInclusive: boolean;
      readonly upperInclusive: boolean;
    }
  | { readonly kind: 'exists' };

/** Lucene clause occurrence: `+x` must match, `-x` must not, plain clauses are alternatives. */
export type Occur = 'should' | 'must' | 'mustNot';

export type QueryNode =
  | { readonly kind: 'all' }
  | { readonly kind: 'field'; readonly field: string | null; readonly value: ValueQuery }
  | { readonly kind: 'not'; readonly node: QueryNode }
  | { readonly kind: 'and'; readonly nodes: readonly QueryNode[] }
  | { readonly kind: 'clauses'; readonly clauses: readonly { readonly occur: Occur; readonly node: QueryNode }[] };
