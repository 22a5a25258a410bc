import { readFileSync } from 'node:fs';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.ts';

// The formulas are the ones in src/cli/schema-sdl.ts (`npm run codegen`, `auth0-graph schema`) and scripts/codegen.ts.

const committed = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');

describe('schema.graphql', () => {
  it('matches the live schema', () => {
    expect(committed.trimEnd(), 'schema.graphql is stale: run npm run codegen and commit the result').toBe(printSchema(lexicographicSortSchema(schema)).trimEnd());
  });

  it('is valid SDL on its own, so clients can generate from it without the server', () => {
    expect(() => buildSchema(committed)).not.toThrow();
  });
});

describe('subgraph.graphql', () => {
  const subgraph = readFileSync(new URL('../../subgraph.graphql', import.meta.url), 'utf8');

  it('matches the live subgraph SDL, the one a supergraph is composed from', () => {
    expect(subgraph.trimEnd(), 'subgraph.graphql is stale: run npm run codegen and commit the result').toBe(printSubgraphSchema(schema).trimEnd());
  });
});
