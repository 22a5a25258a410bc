import { parse, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import type { GraphQLSchema } from 'graphql';

/** Every `Type.field` a document selects, resolved against the schema (fragments and connections included). */
export function queryCoordinates(source: string, schema: GraphQLSchema): Set<string> {
  const typeInfo = new TypeInfo(schema);
  const coordinates = new Set<string>();
  visit(
    parse(source),
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (parent != null) coordinates.add(`${parent.name}.${node.name.value}`);
      },
    }),
  );
  return coordinates;
}
