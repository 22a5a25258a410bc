import { GraphQLObjectType, GraphQLSchema, GraphQLString, isObjectType } from 'graphql';
import type { GraphQLNamedType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { USER_FIELDS } from '../../src/auth0/endpoints/users.ts';
import { oneCall } from '../../src/resolvers/field-costs.ts';
import { costs, declarationOf, inHand, needsRecord, reads, typeDeclarationOf } from '../../src/resolvers/field-declaration.ts';
import { checkDeclarations } from '../../src/schema/check-declarations.ts';
import { schema } from '../../src/schema/index.ts';

function objectType(name: string): GraphQLObjectType {
  const type = schema.getType(name);
  if (!isObjectType(type)) throw new Error(`no ${name} type`);
  return type;
}

/** The fields a partial source of the type answers without loading its record, as the declarations make them. */
function answeredWhenPartial(type: GraphQLNamedType & GraphQLObjectType): string[] {
  return ['__typename', ...Object.keys(type.getFields())].filter((name) => !needsRecord(type, [name]));
}

describe('field declarations', () => {
  it('refuses to build a schema with a field that declares nothing, unless its type holds it in hand', () => {
    const query = new GraphQLObjectType({
      name: 'Query',
      fields: {
        declared: { type: GraphQLString, extensions: costs(oneCall) },
        forgotten: { type: GraphQLString },
        held: {
          type: new GraphQLObjectType({ name: 'Held', extensions: inHand(), fields: { plain: { type: GraphQLString } } }),
          extensions: reads(),
        },
      },
    });
    expect(() => checkDeclarations(new GraphQLSchema({ query }))).toThrow(/^Fields without a declaration .*: Query\.forgotten$/);
  });

  it('has every User field read only Auth0 profile fields, which is what its `fields=` list is made of', () => {
    const reads = Object.values(objectType('User').getFields()).flatMap((field) => declarationOf(field)?.auth0 ?? ['undeclared']);
    expect(reads.filter((read) => !(USER_FIELDS as readonly string[]).includes(read))).toEqual([]);
  });

  it('gives every connection field a cost, so a list never costs nothing', () => {
    const uncosted = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((type) => Object.values(type.getFields()).map((field) => ({ coordinate: `${type.name}.${field.name}`, field })))
      .filter(({ field }) => field.args.some((arg) => arg.name === 'first') && declarationOf(field)?.cost === undefined);
    expect(uncosted.map(({ coordinate }) => coordinate)).toEqual([]);
  });

  it.each([
    ['User', ['__typename', 'id', 'userId', 'email', 'name', 'picture', 'organizations', 'roles', 'permissions']],
    ['Organization', ['__typename', 'id', 'organizationId', 'memberCount', 'members', 'enabledConnections', 'invitations']],
    ['Role', ['__typename', 'id', 'roleId', 'name', 'permissions', 'users']],
    ['IdentityConnection', ['__typename', 'id', 'connectionId']],
  ])('derives what a partial %s answers without its record', (name, free) => {
    expect(answeredWhenPartial(objectType(name)).sort()).toEqual([...free].sort());
  });

  it('never loads a record for a type whose sources are whole, nor for a field it does not know', () => {
    expect(needsRecord(objectType('Client'), ['name', 'callbacks'])).toBe(false);
    expect(needsRecord(objectType('User'), ['notAField'])).toBe(true);
  });

  it('names the tenant records a source stands for, and the listings root fields read, as the change feed names them', () => {
    const keysOf = (type: string, source: unknown) => typeDeclarationOf(objectType(type))?.resource?.keys(source as never);
    expect(keysOf('Organization', { organizationId: 'org_1', wire: undefined })).toEqual(['Organization:org_1']);
    expect(keysOf('OrganizationMember', { organizationId: 'org_1', wire: { user_id: 'auth0|7' }, rolesListed: false })).toEqual([
      'Organization:org_1',
      'User:auth0|7',
    ]);
    expect(keysOf('User', { userId: 'auth0|7', wire: { user_id: 'auth0|7' }, complete: false })).toEqual(['User:auth0|7']);
    expect(keysOf('Role', { roleId: 'rol_1', wire: { id: 'rol_1', name: 'admin' }, complete: false })).toEqual(['Role:rol_1']);
    const root = objectType('Query').getFields();
    const lists = Object.fromEntries(Object.entries(root).flatMap(([name, field]) => {
      const listing = declarationOf(field)?.lists;
      return listing === undefined ? [] : [[name, listing]];
    }));
    expect(lists).toEqual({
      organizations: 'Organization',
      users: 'User',
      usersByEmail: 'User',
      roles: 'Role',
      clients: 'Client',
      identityConnections: 'Connection',
    });
  });
});
