import { TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import type { GraphQLResolveInfo, OperationDefinitionNode } from 'graphql';
import { USER_FIELDS } from '../auth0/endpoints/users.ts';
import type { UserField } from '../auth0/endpoints/users.ts';

/** What a resolver knows of the operation it runs in: enough to read every selection of it. */
export type OperationInfo = Pick<GraphQLResolveInfo, 'schema' | 'operation' | 'fragments'>;

/**
 * The Auth0 profile fields each field of the graph's `User` reads. Fields absent here (a field added to `User`
 * later) read the whole allow-list, so a missing entry can cost bytes, never an answer.
 */
export const PROFILE_FIELDS_READ: ReadonlyMap<string, readonly UserField[]> = new Map(Object.entries({
  __typename: [],
  id: [],
  userId: [],
  organizations: [],
  roles: [],
  permissions: [],
  email: ['email'],
  emailVerified: ['email_verified'],
  username: ['username'],
  name: ['name'],
  givenName: ['given_name'],
  familyName: ['family_name'],
  nickname: ['nickname'],
  picture: ['picture'],
  phoneNumber: ['phone_number'],
  phoneVerified: ['phone_verified'],
  blocked: ['blocked'],
  createdAt: ['created_at'],
  updatedAt: ['updated_at'],
  lastLogin: ['last_login'],
  lastPasswordReset: ['last_password_reset'],
  loginsCount: ['logins_count'],
  multifactor: ['multifactor'],
  connection: ['identities'],
  identities: ['identities'],
  appMetadata: ['app_metadata'],
  userMetadata: ['user_metadata'],
} satisfies Record<string, readonly UserField[]>));

const byOperation = new WeakMap<OperationDefinitionNode, readonly UserField[]>();

/**
 * The profile fields the operation selects on any `User`, anywhere in it (through fragments, on any path),
 * with `user_id` always: every profile read of one request asks Auth0 for these, so one search serves every
 * path, and nothing unasked (metadata, identities, phone numbers) is transferred or held. Directives are
 * ignored, which can only widen the list. Parsed documents are cached and reused, so this walk runs once per
 * distinct operation.
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
  const wanted = new Set<UserField>(['user_id']);
  const typeInfo = new TypeInfo(info.schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      if (typeInfo.getParentType()?.name !== 'User') return;
      for (const field of PROFILE_FIELDS_READ.get(node.name.value) ?? USER_FIELDS) wanted.add(field);
    },
  });
  visit(info.operation, visitor);
  for (const fragment of Object.values(info.fragments)) visit(fragment, visitor);
  return USER_FIELDS.filter((field) => wanted.has(field));
}
