import { Kind, parse } from 'graphql';
import type { FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { USER_FIELDS } from '../../src/auth0/endpoints/users.ts';
import { profileFieldsOf } from '../../src/resolvers/profile-fields.ts';
import type { OperationInfo } from '../../src/resolvers/profile-fields.ts';
import { schema } from '../../src/schema/index.ts';

/** What a resolver of the document's operation would be given. */
function operationOf(document: string): OperationInfo {
  const ast = parse(document);
  const operation = ast.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operation === undefined) throw new Error('no operation');
  const fragments = Object.fromEntries(
    ast.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return { schema, operation, fragments };
}

describe('profileFieldsOf', () => {
  it('collects User fields on every path, through aliases, fragments and node, with user_id always', () => {
    const fields = profileFieldsOf(
      operationOf(`query($id: String!) {
        organization(organizationId: $id) { name members { edges { node { email user { seen: lastLogin ...U } } } } }
        node(id: "x") { ... on User { connection } }
        role(roleId: "r") { users { edges { node { userId } } } }
      }
      fragment U on User { loginsCount organizations { totalCount } }`),
    );
    expect(fields).toEqual(['user_id', 'last_login', 'logins_count', 'identities']);
  });

  it('reads nothing for __typename', () => {
    expect(profileFieldsOf(operationOf('{ user(userId: "a") { __typename userId } }'))).toEqual(['user_id']);
  });

  it('reads only user_id when no profile field is selected, and is the same list for the same operation', () => {
    const info = operationOf('{ user(userId: "a") { userId roles { totalCount } } }');
    expect(profileFieldsOf(info)).toEqual(['user_id']);
    expect(profileFieldsOf(info)).toBe(profileFieldsOf(info));
  });

  it('keeps the allow-list order, whatever the selection order', () => {
    const fields = profileFieldsOf(operationOf('{ user(userId: "a") { userMetadata appMetadata email createdAt } }'));
    expect(fields).toEqual(USER_FIELDS.filter((field) => ['user_id', 'user_metadata', 'app_metadata', 'email', 'created_at'].includes(field)));
  });
});
