import { defaultFieldResolver, getNamedType, isObjectType } from 'graphql';
import type { GraphQLField, GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { listingKey } from '../cache/invalidation.ts';
import type { ResourceKey } from '../cache/invalidation.ts';
import { declarationOf, typeDeclarationOf } from './field-declaration.ts';
import type { ResourceDeclaration } from './field-declaration.ts';

/** The contexts of executions whose reads are being collected (live queries), each with its collection. */
const watched = new WeakMap<object, Set<ResourceKey>>();

/**
 * Collects the tenant records and listings every field resolved with `context` reads, as resource keys
 * (cache/invalidation.ts), into the returned set: what the change feed must name for the answer to change.
 */
export function watchReads(context: object): ReadonlySet<ResourceKey> {
  const reads = new Set<ResourceKey>();
  watched.set(context, reads);
  return reads;
}

/**
 * Makes the fields of `schema` report what they read to a watched execution, from the declarations alone:
 * a field resolved on a source of a type that `identifies` its records read those records; a field whose route
 * lists a collection read that listing; a root lookup that found nothing read the listing a record would join
 * when created. Only fields where one of these applies are wrapped, and an execution nobody watches pays one
 * map lookup per such field. Returns the schema.
 */
export function reportResourceReads(schema: GraphQLSchema): GraphQLSchema {
  const root = schema.getQueryType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !isObjectType(type)) continue;
    const resource = typeDeclarationOf(type)?.resource;
    for (const field of Object.values(type.getFields())) {
      const lists = declarationOf(field)?.lists;
      const missing = type === root ? typeDeclarationOf(getNamedType(field.type))?.resource : undefined;
      if (resource !== undefined || lists !== undefined || missing !== undefined) field.resolve = reporting(field, resource, lists, missing);
    }
  }
  return schema;
}

function reporting(
  field: GraphQLField<unknown, unknown>,
  resource: ResourceDeclaration | undefined,
  lists: ResourceKey | undefined,
  missing: ResourceDeclaration | undefined,
): GraphQLFieldResolver<unknown, unknown> {
  const resolve = field.resolve ?? defaultFieldResolver;
  return (source, args, context, info) => {
    const result = resolve(source, args, context, info);
    const reads = typeof context === 'object' && context !== null ? watched.get(context) : undefined;
    if (reads === undefined) return result;
    if (resource !== undefined) for (const key of resource.keys(source as never)) reads.add(key);
    if (lists !== undefined) reads.add(lists);
    if (missing === undefined) return result;
    const absent = (value: unknown): unknown => {
      if (value === null || value === undefined) reads.add(listingKey(missing.type));
      return value;
    };
    return result instanceof Promise ? result.then(absent) : absent(result);
  };
}
