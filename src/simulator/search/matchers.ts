import type { ValueQuery } from './ast.ts';
import { parseDateSpan } from './dates.ts';
import { quoteToken, UserSearchError } from './errors.ts';
import type { FieldKind } from './fields.ts';
import type { RangeBound } from './tokens.ts';

/** Tests one indexed value of a field. */
export type ValueTest = (value: unknown) => boolean;

type Comparable = number | string;

const MIN_SUFFIX_LITERALS = 3;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Builds the test for a `field:value` against a field of the given kind. Everything that can be rejected is
 * rejected here, once per query, so the per-user loop only compares.
 */
export function valueTest(kind: FieldKind, query: Exclude<ValueQuery, { kind: 'exists' }>, field: string): ValueTest {
  switch (query.kind) {
    case 'term':
    case 'phrase':
      return equalityTest(kind, query.text, field);
    case 'wildcard':
      return wildcardTest(kind, query.parts, field);
    case 'range':
      return rangeTest(kind, query, field);
  }
}

export function foldCase(text: string): string {
  return text.toLowerCase();
}

export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function parseNumber(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

export function toInstant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function equalityTest(kind: FieldKind, text: string, field: string): ValueTest {
  switch (kind) {
    case 'text':
      return (value) => asText(value) === text;
    case 'folded': {
      const wanted = foldCase(text);
      return (value) => {
        const actual = asText(value);
        return actual !== undefined && foldCase(actual) === wanted;
      };
    }
    case 'number': {
      const wanted = requireNumber(text, field);
      return (value) => value === wanted;
    }
    case 'boolean': {
      if (text !== 'true' && text !== 'false') throw new UserSearchError(`${quoteToken(text)} is not a boolean for field ${quoteToken(field)}`);
      const wanted = text === 'true';
      return (value) => value === wanted;
    }
    case 'date': {
      const { start, end } = parseDateSpan(text);
      return (value) => {
        const ms = toInstant(value);
        return ms !== undefined && ms >= start && ms <= end;
      };
    }
    case 'dynamic': {
      const asNumber = parseNumber(text);
      return (value) => {
        if (typeof value === 'string') return value === text;
        if (typeof value === 'number') return value === asNumber;
        return typeof value === 'boolean' && String(value) === text;
      };
    }
  }
}

/** Compiles `jo*`-style parts into a test; a leading `*` needs at least three literal characters. */
export function wildcardMatcher(parts: readonly string[], fold: boolean): (text: string) => boolean {
  const literals = parts.join('');
  if (parts[0] === '' && literals.length < MIN_SUFFIX_LITERALS) {
    throw new UserSearchError(
      `a wildcard at the start of a term needs at least ${MIN_SUFFIX_LITERALS} other characters: ${quoteToken(parts.join('*'))}`,
    );
  }
  const norm = fold ? parts.map(foldCase) : parts;
  const [first = '', second] = norm;
  if (norm.length === 2 && second === '') return (text) => text.startsWith(first);
  const pattern = new RegExp(`^${norm.map(escapeRegExp).join('[\\s\\S]*')}$`);
  return (text) => pattern.test(text);
}

function wildcardTest(kind: FieldKind, parts: readonly string[], field: string): ValueTest {
  if (kind !== 'text' && kind !== 'folded' && kind !== 'dynamic') {
    throw new UserSearchError(`wildcards are only supported on text fields, not on ${quoteToken(field)}`);
  }
  const fold = kind === 'folded';
  const matches = wildcardMatcher(parts, fold);
  return (value) => {
    const text = kind === 'dynamic' ? (typeof value === 'string' ? value : undefined) : asText(value);
    return text !== undefined && matches(fold ? foldCase(text) : text);
  };
}

interface RangeQuery {
  readonly lower: RangeBound;
  readonly upper: RangeBound;
  readonly lowerInclusive: boolean;
  readonly upperInclusive: boolean;
}

function rangeTest(kind: FieldKind, range: RangeQuery, field: string): ValueTest {
  switch (kind) {
    case 'boolean':
      throw new UserSearchError(`ranges are not supported on field ${quoteToken(field)}`);
    case 'number': {
      const inRange = comparableRange(range, (text) => requireNumber(text, field));
      return (value) => typeof value === 'number' && inRange(value);
    }
    case 'date': {
      // Elasticsearch rounds a partial date down for gte/lt and up for gt/lte, so an inclusive
      // `[… TO 2025-12-31]` takes in that whole day and an exclusive `{2025-12-31 TO …` starts after it.
      const lower = range.lower.open ? undefined : parseDateSpan(range.lower.text);
      const upper = range.upper.open ? undefined : parseDateSpan(range.upper.text);
      const aboveLower = (ms: number): boolean =>
        lower === undefined || (range.lowerInclusive ? ms >= lower.start : ms > lower.end);
      const belowUpper = (ms: number): boolean =>
        upper === undefined || (range.upperInclusive ? ms <= upper.end : ms < upper.start);
      return (value) => {
        const ms = toInstant(value);
        return ms !== undefined && aboveLower(ms) && belowUpper(ms);
      };
    }
    case 'text':
    case 'folded': {
      const fold = kind === 'folded' ? foldCase : (text: string): string => text;
      const inRange = comparableRange(range, fold);
      return (value) => {
        const text = asText(value);
        return text !== undefined && inRange(fold(text));
      };
    }
    case 'dynamic': {
      const numeric = (range.lower.open || parseNumber(range.lower.text) !== undefined) &&
        (range.upper.open || parseNumber(range.upper.text) !== undefined);
      const numberInRange = numeric ? comparableRange(range, (text) => Number(text)) : undefined;
      const textInRange = comparableRange(range, (text) => text);
      return (value) => {
        if (typeof value === 'number') return numberInRange !== undefined && numberInRange(value);
        return typeof value === 'string' && textInRange(value);
      };
    }
  }
}

function comparableRange<T extends Comparable>(range: RangeQuery, read: (text: string) => T): (value: T) => boolean {
  const lower = range.lower.open ? undefined : read(range.lower.text);
  const upper = range.upper.open ? undefined : read(range.upper.text);
  return (value) =>
    (lower === undefined || (range.lowerInclusive ? value >= lower : value > lower)) &&
    (upper === undefined || (range.upperInclusive ? value <= upper : value < upper));
}

function requireNumber(text: string, field: string): number {
  const value = parseNumber(text);
  if (value === undefined) throw new UserSearchError(`${quoteToken(text)} is not a number for field ${quoteToken(field)}`);
  return value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
