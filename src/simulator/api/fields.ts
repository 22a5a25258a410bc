import type { JsonObject } from '../tenant.ts';
import { boolParam, propertyError } from './query-params.ts';

export interface FieldSelection {
  /** Field names the caller named in `fields` (empty when absent). */
  readonly named: ReadonlySet<string>;
  /** Whether a field of the full record should be in the response. */
  includes(field: string): boolean;
  /** Applies the selection to a full record; `alwaysAdded` fields survive an allow-list (Auth0 quirk). */
  project(record: object): JsonObject;
}

/**
 * `fields` + `include_fields` (allow-list by default, deny-list with `include_fields=false`); names
 * outside `allowed` are a 400 listing the allowed values, as Auth0 words it.
 */
export function selectFields(
  query: URLSearchParams,
  options: { allowed: readonly string[]; alwaysAdded?: readonly string[]; hiddenUnlessNamed?: readonly string[] },
): FieldSelection {
  const raw = query.get('fields') ?? '';
  const include = boolParam(query, 'include_fields') ?? true;
  const named = new Set(raw === '' ? [] : raw.split(','));
  for (const name of named) {
    if (!options.allowed.includes(name)) {
      throw propertyError(
        'fields',
        `String '${raw}' does not match pattern. Must be a comma separated list of the following values: ${options.allowed.join(',')}`,
      );
    }
  }
  const always = new Set(options.alwaysAdded ?? []);
  const hidden = new Set(options.hiddenUnlessNamed ?? []);
  const includes = (field: string): boolean => {
    if (named.size === 0) return !hidden.has(field);
    if (include) return named.has(field) || always.has(field);
    return !named.has(field) && !hidden.has(field);
  };
  return {
    named: include ? named : new Set(),
    includes,
    project(record) {
      const out: JsonObject = {};
      for (const [key, value] of Object.entries(record)) {
        if (value !== undefined && includes(key)) out[key] = value as JsonObject[string];
      }
      return out;
    },
  };
}

/**
 * A projection that also leaves out what this caller's scopes may not read; naming such a field in `fields`
 * is Auth0's 403 rather than a silent omission.
 */
export function gatedProjection(fields: FieldSelection, readable: (field: string) => boolean, forbidden: () => Error): (record: object) => JsonObject {
  if ([...fields.named].some((field) => !readable(field))) throw forbidden();
  return (record) => fields.project(Object.fromEntries(Object.entries(record).filter(([key]) => readable(key))));
}
