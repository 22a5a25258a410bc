import type { SecretsMode } from '../options.ts';
import type { JsonObject } from '../tenant.ts';
import { boolParam, propertyError } from './query-params.ts';

export interface FieldSelection {
  /** Field names the caller named in `fields` (empty when absent). */
  readonly named: ReadonlySet<string>;
  /** `fields` named what to return (rather than nothing, or what to leave out). */
  readonly allowList: boolean;
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
    allowList: include && named.size > 0,
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

/** In worst-case mode only an allow-list keeps what the scopes may not read out of the answer. */
export function revealsEverything(fields: FieldSelection, secrets: SecretsMode): boolean {
  return secrets === 'worst-case' && !fields.allowList;
}

/**
 * A projection that also leaves out what this caller's scopes may not read (unless `revealsEverything`);
 * naming such a field in `fields` is Auth0's 403 rather than a silent omission, in either mode.
 */
export function gatedProjection(
  fields: FieldSelection,
  readable: (field: string) => boolean,
  forbidden: () => Error,
  secrets: SecretsMode,
): (record: object) => JsonObject {
  if ([...fields.named].some((field) => !readable(field))) throw forbidden();
  if (revealsEverything(fields, secrets)) return (record) => fields.project(record);
  return (record) => fields.project(Object.fromEntries(Object.entries(record).filter(([key]) => readable(key))));
}
