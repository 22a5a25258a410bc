import { isObjectType } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { declarationOf, typeDeclarationOf } from '../resolvers/field-declaration.ts';

/**
 * Every field of the graph says what it reads and costs (src/resolvers/field-declaration.ts), itself or through
 * its type's `inHand`: the planner and the cost estimate have nothing else to go by, and a field they could not
 * read would silently cost nothing. Types whose names start with `_` are GraphQL's and federation's own.
 * Returns the schema, so the build fails at once, naming each field, when one is missing.
 */
export function checkDeclarations(schema: GraphQLSchema): GraphQLSchema {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('_') || !isObjectType(type)) continue;
    const declared = typeDeclarationOf(type);
    if (declared?.inHand === true && declared.partial !== undefined) missing.push(`${type.name} (both in hand and partial)`);
    if (declared?.inHand === true) continue;
    for (const field of Object.values(type.getFields())) {
      if (declarationOf(field) === undefined) missing.push(`${type.name}.${field.name}`);
    }
  }
  if (missing.length > 0) {
    throw new Error(`Fields without a declaration of what they read and cost (src/resolvers/field-declaration.ts): ${missing.join(', ')}`);
  }
  return schema;
}
