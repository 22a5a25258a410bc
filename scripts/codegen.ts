// Runs codegen under tsx so `codegen.ts` can import the TypeScript schema with `.ts` specifiers.
import { writeFile } from 'node:fs/promises';
import { printSubgraphSchema } from '@apollo/subgraph';
import { generate } from '@graphql-codegen/cli';
import config from '../codegen.ts';
import { schema } from '../src/schema/index.ts';

await generate(config, true);
// The subgraph SDL, with the @key directives `schema.graphql` cannot carry, is what a supergraph is composed
// from; it is the SDL `_service { sdl }` serves. Codegen's plugins only see the printed schema, so it is written here.
await writeFile(new URL('../subgraph.graphql', import.meta.url), `${printSubgraphSchema(schema).trimEnd()}\n`);
