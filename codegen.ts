/**
 * GraphQL Code Generator: writes the committed `schema.graphql` from the live Pothos schema and
 * typed documents for `examples/*.graphql` (`npm run codegen` also writes `subgraph.graphql`, see
 * scripts/codegen.ts). CI fails when its output differs from what is committed.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSortedSchema } from './src/cli/schema-sdl.ts';
import { schema } from './src/schema/index.ts';

const config: CodegenConfig = {
  schema: printSortedSchema(schema),
  documents: ['examples/*.graphql'],
  overwrite: true,
  generates: {
    'schema.graphql': { plugins: ['schema-ast'] },
    'examples/generated/': { preset: 'client', config: { useTypeImports: true } },
  },
};

export default config;
