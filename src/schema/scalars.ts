import { GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';
import type { ValueNode } from 'graphql';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isoDateTime(value: unknown): string {
  if (typeof value !== 'string' || !ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw new TypeError('DateTime must be an ISO-8601 date-time string');
  }
  return value;
}

function isoDate(value: unknown): string {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new TypeError('Date must be a YYYY-MM-DD string');
  }
  return value;
}

/** Auth0 timestamps pass through as the ISO-8601 strings it sends; inputs are validated the same way. */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An ISO-8601 date-time, e.g. 2024-01-25T19:00:28.395Z',
  serialize: isoDateTime,
  parseValue: isoDateTime,
  parseLiteral: (ast: ValueNode) => isoDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD',
  serialize: isoDate,
  parseValue: isoDate,
  parseLiteral: (ast: ValueNode) => isoDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** Free-form metadata, as Auth0 stores it. */
export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'Free-form JSON (Auth0 metadata)',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast) => valueFromASTUntyped(ast),
});
