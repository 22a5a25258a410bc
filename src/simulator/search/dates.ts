import { quoteToken, UserSearchError } from './errors.ts';

/** The instants a date value stands for: a whole day for `2025-12-31`, one millisecond for a full timestamp. */
export interface DateSpan {
  readonly start: number;
  readonly end: number;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/**
 * Reads a date bound the way Elasticsearch reads a date field's query value (UTC unless a zone is given).
 * A value that leaves out smaller units stands for the whole unit, so callers can round a bound down
 * (`start`) or up (`end`) as Elasticsearch does for gte/lt versus gt/lte.
 */
export function parseDateSpan(text: string): DateSpan {
  const match = DATE.exec(text);
  if (match === null) throw new UserSearchError(`failed to parse date ${quoteToken(text)}`);
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const num = (part: string | undefined): number => (part === undefined ? 0 : Number(part));
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const offsetMs = zoneOffsetMs(zone);
  const start =
    Date.UTC(num(year), month === undefined ? 0 : num(month) - 1, day === undefined ? 1 : num(day), num(hour), num(minute), num(second), ms) -
    offsetMs;
  if (Number.isNaN(start) || !isCalendarValid(match)) throw new UserSearchError(`failed to parse date ${quoteToken(text)}`);
  const end = endOfUnit(start + offsetMs, match) - offsetMs;
  return { start, end };
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
}

function isCalendarValid(match: RegExpExecArray): boolean {
  const [, , month, day, hour, minute, second] = match;
  const inRange = (part: string | undefined, min: number, max: number): boolean =>
    part === undefined || (Number(part) >= min && Number(part) <= max);
  if (!inRange(month, 1, 12) || !inRange(hour, 0, 23) || !inRange(minute, 0, 59) || !inRange(second, 0, 59)) return false;
  if (day === undefined) return true;
  const daysInMonth = new Date(Date.UTC(Number(match[1]), Number(month), 0)).getUTCDate();
  return inRange(day, 1, daysInMonth);
}

/** The last millisecond of the smallest unit the text spells out, in the text's own zone. */
function endOfUnit(localStart: number, match: RegExpExecArray): number {
  const [, , month, day, hour, minute, second, fraction] = match;
  const d = new Date(localStart);
  if (fraction !== undefined) return localStart;
  if (second !== undefined) return localStart + 999;
  if (minute !== undefined) return localStart + 59_999;
  if (hour !== undefined) return localStart + 3_599_999;
  if (day !== undefined) return localStart + 86_399_999;
  if (month !== undefined) return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - 1;
  return Date.UTC(d.getUTCFullYear() + 1, 0, 1) - 1;
}
