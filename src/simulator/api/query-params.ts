import { queryError } from '../errors.ts';

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  page: 'Page index of the results to return. First page is 0',
  per_page: 'Number of results per page. Defaults to 50',
  take: 'Number of results per page. Defaults to 50',
  include_totals: 'Return results inside an object that contains the total result count (true) or as a direct array of results (false, default)',
  include_fields: 'Whether specified fields are to be included (true) or excluded (false)',
  fields:
    'Comma-separated list of fields to include or exclude (based on value provided for include_fields) in the result. Leave empty to retrieve all fields',
};

/** Auth0's wording: `'<problem>' on property <name> (<description>).` */
export function propertyError(name: string, problem: string): ReturnType<typeof queryError> {
  return queryError(`'${problem}' on property ${name} (${DESCRIPTIONS[name] ?? name}).`);
}

export function intParam(query: URLSearchParams, name: string, bounds: { min: number; max?: number }): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) throw propertyError(name, 'Expected type integer but found type string');
  const value = Number(raw);
  if (bounds.max !== undefined && value > bounds.max) {
    throw propertyError(name, `Value ${value} is greater than maximum ${bounds.max}`);
  }
  if (value < bounds.min) throw propertyError(name, `Value ${value} is less than minimum ${bounds.min}`);
  return value;
}

export function boolParam(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw propertyError(name, 'Expected type boolean but found type string');
}
