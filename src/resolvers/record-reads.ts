import { getNamedType, isObjectType } from 'graphql';
import type { FieldNode, GraphQLNamedType, GraphQLObjectType } from 'graphql';
import { declarationOf, typeDeclarationOf } from './field-declaration.ts';
import { selectedFields } from './planner.ts';
import type { SelectionInfo } from './planner.ts';
import type { OperationInfo } from './profile-fields.ts';

const byField = new WeakMap<FieldNode, ReadonlySet<string>>();

/**
 * The Auth0 fields of the records at `path` under this field (objects of `typeName`) that the selection reads,
 * as each selected field declares them (field-declaration.ts): what a list call's `fields=` must carry. A field
 * whose type may be partial (a member's `user`) builds that source from the record's fields the source knows by
 * the same names, so of those it needs only what the fields selected under it read; its other reads (a member's
 * `roles` list) it needs whatever is selected. A field without a declaration reads `everything`.
 * Directives are ignored, which can only widen the list. Parsed documents are reused, so this walk runs once
 * per distinct operation.
 */
export function recordReads(
  info: SelectionInfo & OperationInfo,
  typeName: string,
  path: readonly string[],
  everything: readonly string[],
): ReadonlySet<string> {
  const key = info.fieldNodes[0];
  const known = key === undefined ? undefined : byField.get(key);
  if (known !== undefined) return known;
  const type = info.schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`recordReads: ${typeName} is not an object type of the schema`);
  const reads = collect(info, type, path, everything);
  if (key !== undefined) byField.set(key, reads);
  return reads;
}

function collect(info: SelectionInfo, type: GraphQLObjectType, path: readonly string[], everything: readonly string[]): Set<string> {
  const reads = new Set<string>();
  const fields = type.getFields();
  for (const name of selectedFields(info, path)) {
    if (name.startsWith('__')) continue;
    const field = fields[name];
    const declared = declarationOf(field)?.auth0 ?? everything;
    const child = field === undefined ? undefined : getNamedType(field.type);
    const handed = typeDeclarationOf(child)?.partial?.knows;
    const needed = handed === undefined ? undefined : readsUnder(info, child, [...path, name]);
    for (const read of declared) {
      // A read the partial child knows by the same name is handed to it, and needed only if it is read there.
      if (needed === undefined || handed?.has(read) !== true || needed.has(read)) reads.add(read);
    }
  }
  return reads;
}

/** What the fields selected on a partial child read; a field without a declaration reads all it could hold. */
function readsUnder(info: SelectionInfo, type: GraphQLNamedType | undefined, path: readonly string[]): Set<string> | undefined {
  if (!isObjectType(type)) return undefined;
  const fields = type.getFields();
  const reads = new Set<string>();
  for (const name of selectedFields(info, path)) {
    if (name.startsWith('__')) continue;
    const declared = declarationOf(fields[name])?.auth0;
    if (declared === undefined) return undefined;
    for (const read of declared) reads.add(read);
  }
  return reads;
}
