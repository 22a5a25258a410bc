import { quoteToken, UserSearchError } from './errors.ts';
import type { RangeBound, Token } from './tokens.ts';

const WHITESPACE = new Set([' ', '\t', '\n', '\r', '\u3000']);
// Characters that end a word, as in Lucene's classic query parser; `-` and `+` only matter at a word's start.
const WORD_BREAK = new Set(['(', ')', ':', '^', '[', ']', '"', '{', '}', '~', '/', '!']);
const OPERATORS: Readonly<Record<string, 'and' | 'or' | 'not'>> = { AND: 'and', OR: 'or', NOT: 'not' };

/** Splits a Lucene query string into tokens; boosts (`^2`) are dropped because they never change what matches. */
export function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const at = (offset = 0): string => q.charAt(i + offset);

  const readQuoted = (): string => {
    const start = i;
    i += 1;
    let text = '';
    while (i < q.length && at() !== '"') {
      if (at() === '\\') {
        if (i + 1 >= q.length) break;
        i += 1;
      }
      text += at();
      i += 1;
    }
    if (i >= q.length) throw new UserSearchError(`unterminated quoted phrase at position ${start}`);
    i += 1;
    return text;
  };

  const readRangeBound = (): RangeBound => {
    if (at() === '"') return { text: readQuoted(), open: false };
    let text = '';
    let escaped = false;
    while (i < q.length && !WHITESPACE.has(at()) && at() !== ']' && at() !== '}') {
      if (at() === '\\') {
        if (i + 1 >= q.length) throw new UserSearchError('the query ends with an escape character');
        i += 1;
        escaped = true;
      }
      text += at();
      i += 1;
    }
    return { text, open: text === '*' && !escaped };
  };

  const skipWhitespace = (): number => {
    const start = i;
    while (i < q.length && WHITESPACE.has(at())) i += 1;
    return i - start;
  };

  const readRange = (): Token => {
    const pos = i;
    const lowerInclusive = at() === '[';
    i += 1;
    skipWhitespace();
    const lower = readRangeBound();
    const gap = skipWhitespace();
    if (gap === 0 || q.slice(i, i + 2) !== 'TO') throw new UserSearchError(`malformed range at position ${pos}, expected "TO"`);
    i += 2;
    if (skipWhitespace() === 0) throw new UserSearchError(`malformed range at position ${pos}, expected "TO"`);
    const upper = readRangeBound();
    skipWhitespace();
    if (at() !== ']' && at() !== '}') throw new UserSearchError(`malformed range at position ${pos}, expected "]" or "}"`);
    const upperInclusive = at() === ']';
    i += 1;
    if (lower.text === '' || upper.text === '') throw new UserSearchError(`malformed range at position ${pos}`);
    return { type: 'range', pos, lower, upper, lowerInclusive, upperInclusive };
  };

  const readWord = (): Token => {
    const pos = i;
    const parts: string[] = [];
    let current = '';
    let plain = true;
    while (i < q.length) {
      const c = at();
      if (WHITESPACE.has(c) || WORD_BREAK.has(c)) break;
      if (c === '\\') {
        if (i + 1 >= q.length) throw new UserSearchError('the query ends with an escape character');
        current += at(1);
        plain = false;
        i += 2;
        continue;
      }
      if (c === '?') throw new UserSearchError(`the "?" wildcard is not supported, use "*" (in ${quoteToken(q.slice(pos, i + 1))})`);
      if (c === '*') {
        parts.push(current);
        current = '';
      } else {
        current += c;
      }
      i += 1;
    }
    parts.push(current);
    const operator = plain && parts.length === 1 ? OPERATORS[current] : undefined;
    return operator === undefined ? { type: 'term', pos, parts, plain } : { type: operator, pos };
  };

  const skipBoost = (): void => {
    const match = /^\^\d+(\.\d+)?/.exec(q.slice(i));
    if (match === null) throw new UserSearchError(`a boost needs a number at position ${i}`);
    i += match[0].length;
  };

  while (i < q.length) {
    const c = at();
    if (WHITESPACE.has(c)) {
      i += 1;
      continue;
    }
    const pos = i;
    const single = { '(': 'lparen', ')': 'rparen', ':': 'colon' } as const;
    if (c === '(' || c === ')' || c === ':') {
      tokens.push({ type: single[c], pos });
      i += 1;
    } else if ((c === '&' && at(1) === '&') || (c === '|' && at(1) === '|')) {
      tokens.push({ type: c === '&' ? 'and' : 'or', pos });
      i += 2;
    } else if (c === '!') {
      tokens.push({ type: 'not', pos });
      i += 1;
    } else if (c === '+' || c === '-') {
      tokens.push({ type: c === '+' ? 'must' : 'mustNot', pos });
      i += 1;
    } else if (c === '"') {
      tokens.push({ type: 'phrase', pos, text: readQuoted() });
    } else if (c === '[' || c === '{') {
      tokens.push(readRange());
    } else if (c === '^') {
      skipBoost();
    } else if (c === '~') {
      throw new UserSearchError(`fuzzy and proximity searches ("~") are not supported (position ${pos})`);
    } else if (c === '/') {
      throw new UserSearchError(`regular expression searches ("/") are not supported (position ${pos})`);
    } else if (c === ']' || c === '}') {
      throw new UserSearchError(`unexpected ${quoteToken(c)} at position ${pos}`);
    } else {
      tokens.push(readWord());
    }
  }
  tokens.push({ type: 'eof', pos: q.length });
  return tokens;
}
