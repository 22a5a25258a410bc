// Runs codegen under tsx so `codegen.ts` can import the TypeScript schema with `.ts` specifiers.
import { generate } from '@graphql-codegen/cli';
import config from '../codegen.ts';

await generate(config, true);
