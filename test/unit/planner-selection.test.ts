import { Kind, parse } from 'graphql';
import type { FieldNode, FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { childSelections, planConnection, selectedFields } from '../../src/resolvers/planner.ts';
import type { SelectionInfo } from '../../src/resolvers/planner.ts';

/** The `info` a resolver of the document's first root field would get. */
function infoOf(document: string): SelectionInfo {
  const ast = parse(document);
  const operation = ast.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const field = operation?.selectionSet.selections[0] as FieldNode;
  const fragments = Object.fromEntries(
    ast.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return { fieldNodes: [field], fragments };
}

describe('childSelections', () => {
  it('groups a child field by response key, through fragments, as execution merges it', () => {
    const info = infoOf(`{ user { roles(first: 5) { totalCount } ...F mine: roles { edges { cursor } } email } }
      fragment F on User { roles(first: 5) { edges { cursor } } }`);
    const groups = childSelections(info, 'roles');
    expect(groups.map((group) => group.fieldNodes.map((node) => node.alias?.value ?? node.name.value))).toEqual([['roles', 'roles'], ['mine']]);
    expect(planConnection(groups[0] as SelectionInfo)).toMatchObject({ totalCount: true, nodeFields: new Set() });
    expect(childSelections(info, 'organizations')).toEqual([]);
  });
});

describe('selectedFields', () => {
  it('reads through aliases, inline fragments and named fragments', () => {
    const info = infoOf(`{ members { edges { node { a: userId ...F ... on OrganizationMember { roles { name } } } } } }
      fragment F on OrganizationMember { email }`);
    expect(selectedFields(info, ['edges', 'node'])).toEqual(new Set(['userId', 'email', 'roles']));
  });

  it('counts what a directive guards unless asked for unconditional selections, at every level of the path', () => {
    const info = infoOf(`{ m { edges { node { a user { b c @include(if: $x) ... on User @skip(if: $y) { d } ...F } } } } }
      fragment F on User { e }`);
    expect(selectedFields(info, ['edges', 'node', 'user'])).toEqual(new Set(['b', 'c', 'd', 'e']));
    expect(selectedFields(info, ['edges', 'node', 'user'], { unconditional: true })).toEqual(new Set(['b', 'e']));
    const guardedParent = infoOf('{ m { edges { node { user @include(if: $x) { b } } } } }');
    expect(selectedFields(guardedParent, ['edges', 'node', 'user'], { unconditional: true })).toEqual(new Set());
  });

  it('survives a fragment that spreads itself', () => {
    const info = infoOf('{ x { ...F } } fragment F on X { a ...F }');
    expect(selectedFields(info)).toEqual(new Set(['a']));
  });
});

describe('planConnection', () => {
  it.each([
    ['{ c { edges { node { id } } } }', { totalCount: false, hasNextPage: false }],
    ['{ c { totalCount } }', { totalCount: true, hasNextPage: false }],
    ['{ c { pageInfo { hasNextPage endCursor } } }', { totalCount: false, hasNextPage: true }],
    ['{ c { pageInfo { endCursor } } }', { totalCount: false, hasNextPage: false }],
  ])('%s', (document, expected) => {
    const plan = planConnection(infoOf(document));
    expect({ totalCount: plan.totalCount, hasNextPage: plan.hasNextPage }).toEqual(expected);
  });

  it('lists the node fields, so members ask for roles only when selected', () => {
    expect(planConnection(infoOf('{ m { edges { node { email roles { name } } } } }')).nodeFields.has('roles')).toBe(true);
    expect(planConnection(infoOf('{ m { edges { node { email } } } }')).nodeFields.has('roles')).toBe(false);
  });
});
