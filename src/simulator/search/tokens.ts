/** A range end: `open` for an unquoted `*`, which leaves that side unbounded. */
export interface RangeBound {
  readonly text: string;
  readonly open: boolean;
}

/**
 * A bare word. `parts` is the unescaped text split at unescaped `*`, so `jo*` is `['jo', '']` and a word
 * without wildcards is a single part; `plain` is true when no character was escaped (only a plain word can
 * be an operator or a comparison like `>=5`).
 */
export interface TermToken {
  readonly type: 'term';
  readonly pos: number;
  readonly parts: readonly string[];
  readonly plain: boolean;
}

export interface PhraseToken {
  readonly type: 'phrase';
  readonly pos: number;
  readonly text: string;
}

export interface RangeToken {
  readonly type: 'range';
  readonly pos: number;
  readonly lower: RangeBound;
  readonly upper: RangeBound;
  readonly lowerInclusive: boolean;
  readonly upperInclusive: boolean;
}

export interface SymbolToken {
  readonly type: 'lparen' | 'rparen' | 'colon' | 'and' | 'or' | 'not' | 'must' | 'mustNot' | 'eof';
  readonly pos: number;
}

export type Token = TermToken | PhraseToken | RangeToken | SymbolToken;

/** The word as written, with `*` for each wildcard: field names and messages. */
export function termText(token: TermToken): string {
  return token.parts.join('*');
}
