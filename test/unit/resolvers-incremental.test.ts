import { parse } from 'graphql';
import type { FieldNode, OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EdgeStream } from '../../src/resolvers/edge-stream.ts';
import { isIncremental, isLiveOperation, isStreamedField } from '../../src/resolvers/incremental.ts';

describe('isIncremental', () => {
  it.each([
    ['no directive', '{ organizations { edges { node { name } } } }', {}, false],
    ['@stream', '{ organizations { edges @stream { node { name } } } }', {}, true],
    ['@defer on a fragment', '{ organizations { ... @defer { totalCount } } }', {}, true],
    ['a literal if: false', '{ organizations { edges @stream(if: false) { node { name } } } }', {}, false],
    ['a variable given false', 'query ($on: Boolean) { organizations { edges @stream(if: $on) { node { name } } } }', { on: false }, false],
    ['a variable left out', 'query ($on: Boolean) { organizations { edges @stream(if: $on) { node { name } } } }', {}, true],
    ['a variable left out whose default is false', 'query ($on: Boolean = false) { organizations { ... @defer(if: $on) { totalCount } } }', {}, false],
    ['a variable given true over a false default', 'query ($on: Boolean = false) { organizations { ... @defer(if: $on) { totalCount } } }', { on: true }, true],
    ['other directives', '{ organizations { edges @include(if: true) { node { name } } } }', {}, false],
    ['@live', 'query @live { organizations { totalCount } }', {}, true],
  ])('%s', (_name, query, variables, expected) => {
    expect(isIncremental(parse(query), variables)).toBe(expected);
  });
});

describe('isLiveOperation', () => {
  const operation = (query: string) => parse(query).definitions[0] as OperationDefinitionNode;
  it.each([
    ['@live', 'query @live { organizations { totalCount } }', {}, true],
    ['no @live', 'query { organizations { totalCount } }', {}, false],
    ['@live(if: false)', 'query @live(if: false) { organizations { totalCount } }', {}, false],
    ['a variable default false', 'query ($on: Boolean = false) @live(if: $on) { organizations { totalCount } }', {}, false],
    ['a variable given true', 'query ($on: Boolean = false) @live(if: $on) { organizations { totalCount } }', { on: true }, true],
    ['@stream alone', 'query { organizations { edges @stream { cursor } } }', {}, false],
  ])('%s', (_name, query, variables, expected) => {
    expect(isLiveOperation(operation(query), variables)).toBe(expected);
  });
});

describe('isStreamedField', () => {
  const edgesOf = (query: string): FieldNode => {
    const operation = parse(query).definitions[0] as OperationDefinitionNode;
    const connection = operation.selectionSet.selections[0] as FieldNode;
    return connection.selectionSet?.selections[0] as FieldNode;
  };
  it('reads @stream and its condition on the field itself', () => {
    expect(isStreamedField(edgesOf('{ organizations { edges @stream(initialCount: 5) { cursor } } }'), {})).toBe(true);
    expect(isStreamedField(edgesOf('query ($s: Boolean) { organizations { edges @stream(if: $s) { cursor } } }'), { s: false })).toBe(false);
    expect(isStreamedField(edgesOf('{ organizations { edges { cursor } } }'), {})).toBe(false);
  });
});

describe('EdgeStream', () => {
  it('hands a reader the items pushed before and after it started, then ends', async () => {
    const stream = new EdgeStream<number>();
    stream.push([1, 2]);
    const read = (async () => {
      const seen: number[] = [];
      for await (const item of stream) seen.push(item);
      return seen;
    })();
    stream.push([3]);
    stream.end();
    expect(await read).toEqual([1, 2, 3]);
  });

  it('fails the reader after the items that came before the failure', async () => {
    const stream = new EdgeStream<number>();
    const seen: number[] = [];
    stream.push([1]);
    stream.fail(new Error('page failed'));
    await expect(
      (async () => {
        for await (const item of stream) seen.push(item);
      })(),
    ).rejects.toThrow('page failed');
    expect(seen).toEqual([1]);
  });
});
