import { readFileSync } from 'node:fs';
import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.ts';

// The formula is the one in src/cli/schema-sdl.ts, which `npm run codegen` and `auth0-graph schema` use.

const committed = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');

describe('schema.graphql', () => {
  it('matches the live schema', () => {
    expect(committed.trimEnd(), 'schema.graphql is stale: run npm run codegen and commit the result').toBe(printSchema(lexicographicSortSchema(schema)).trimEnd());
  });

  it('is valid SDL on its own, so clients can generate from it without the server', () => {
    expect(() => buildSchema(committed)).not.toThrow();
  });
});
