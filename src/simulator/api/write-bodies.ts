import { apiError, type SimulatorHttpError } from '../errors.ts';
import type { JsonObject } from '../tenant.ts';

/** Auth0's wording for a body that fails its schema: `Payload validation error: '<problem>' on property <name>.` */
export function payloadError(problem: string, property?: string): SimulatorHttpError {
  const where = property === undefined ? '' : ` on property ${property}`;
  return apiError(400, `Payload validation error: '${problem}'${where}.`, 'invalid_body');
}

const typeName = (value: unknown): string => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);

/** The body as an object whose keys are all in `allowed`; anything else is Auth0's 400. */
export function objectBody(body: unknown, allowed: readonly string[]): JsonObject {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw payloadError(`Expected type object but found type ${typeName(body)}`);
  }
  const extra = Object.keys(body).filter((key) => !allowed.includes(key));
  if (extra.length > 0) throw payloadError(`Additional properties not allowed: ${extra.join(',')}`);
  return body as JsonObject;
}

export function requireProperty(body: JsonObject, name: string): void {
  if (body[name] === undefined) throw payloadError(`Missing required property: ${name}`);
}

/** A required array of 1 to `max` non-empty strings, as `members` and `roles` bodies are. */
export function idList(body: JsonObject, name: string, max: number): string[] {
  requireProperty(body, name);
  const value = body[name];
  if (!Array.isArray(value)) throw payloadError(`Expected type array but found type ${typeName(value)}`, name);
  if (value.length < 1) throw payloadError('Array is too short (0), minimum 1', name);
  if (value.length > max) throw payloadError(`Array is too long (${value.length}), maximum ${max}`, name);
  return value.map((item) => {
    if (typeof item !== 'string' || item === '') throw payloadError(`Expected type string but found type ${typeName(item)}`, name);
    return item;
  });
}

export function optionalString(body: JsonObject, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw payloadError(`Expected type string but found type ${typeName(value)}`, name);
  return value;
}

export function optionalBoolean(body: JsonObject, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw payloadError(`Expected type boolean but found type ${typeName(value)}`, name);
  return value;
}

export function optionalObject(body: JsonObject, name: string): JsonObject | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw payloadError(`Expected type object but found type ${typeName(value)}`, name);
  }
  return value;
}

/**
 * Auth0 merges metadata one level deep: a key set to `null` is removed, any other value replaces the stored one
 * (nested objects are not merged).
 */
export function mergeMetadata(stored: JsonObject | undefined, patch: JsonObject): JsonObject {
  const merged: JsonObject = { ...stored };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
