import { TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import type { GraphQLResolveInfo, OperationDefinitionNode } from 'graphql';
import { USER_FIELDS } from '../auth0/endpoints/users.ts';
import type { UserField } from '../auth0/endpoints/users.ts';
import { declarationOf } from './field-declaration.ts';

/** What a resolver knows of the operation it runs in: enough to read every selection of it. */
export type OperationInfo = Pick<GraphQLResolveInfo, 'schema' | 'operation' | 'fragments'>;

const byOperation = new WeakMap<OperationDefinitionNode, readonly UserField[]>();

/**
 * The profile fields the operation selects on any `User`, anywhere in it (through fragments, on any path), as
 * each `User` field declares them (field-declaration.ts), with `user_id` always: every profile read of one
 * request asks Auth0 for these, so one search serves every path, and nothing unasked (metadata, identities,
 * phone numbers) is transferred or held. Directives are ignored, which can only widen the list. Parsed
 * documents are cached and reused, so this walk runs once per distinct operation.
 */
export function profileFieldsOf(info: OperationInfo): readonly UserField[] {
  let fields = byOperation.get(info.operation);
  if (fields === undefined) {
    fields = collectProfileFields(info);
    byOperation.set(info.operation, fields);
  }
  return fields;
}

function collectProfileFields(info: OperationInfo): readonly UserField[] {
  const wanted = new Set<string>(['user_id']);
  const typeInfo = new TypeInfo(info.schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      if (typeInfo.getParentType()?.name !== 'User' || node.name.value.startsWith('__')) return;
      // The schema refuses to build with an undeclared field; were one to slip by, it would cost bytes, not an answer.
      for (const field of declarationOf(typeInfo.getFieldDef())?.auth0 ?? USER_FIELDS) wanted.add(field);
    },
  });
  visit(info.operation, visitor);
  for (const fragment of Object.values(info.fragments)) visit(fragment, visitor);
  return USER_FIELDS.filter((field) => wanted.has(field));
}
