import { Kind } from 'graphql';
import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { isStreamedField } from './incremental.ts';

/** The parts of `info` the planner reads; tests build it from a parsed document. */
export type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'> & Partial<Pick<GraphQLResolveInfo, 'variableValues'>>;

/**
 * Field names selected under the current field at `path` (e.g. `['edges', 'node']`), through aliases,
 * inline fragments and fragment spreads. Directives are ignored: a field under `@include(if: false)` still
 * counts, which can only cost an unneeded parameter, never a missing one. Where a selection would cost a whole
 * call, `unconditional` counts only what no directive guards, at any level of the path.
 */
export function selectedFields(info: SelectionInfo, path: readonly string[] = [], { unconditional = false } = {}): Set<string> {
  let level: readonly SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) {
    level = fieldsOf(level, info.fragments, unconditional)
      .filter((field) => field.name.value === name)
      .flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
  }
  return new Set(fieldsOf(level, info.fragments, unconditional).map((field) => field.name.value));
}

/**
 * The child fields named `name` directly under the current field, grouped by response key (alias or name) the
 * way execution merges them, each group as the `SelectionInfo` its own resolver will see.
 */
export function childSelections(info: SelectionInfo, name: string): SelectionInfo[] {
  const sets = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  const byKey = new Map<string, FieldNode[]>();
  for (const field of fieldsOf(sets, info.fragments)) {
    if (field.name.value !== name) continue;
    const key = field.alias?.value ?? name;
    byKey.set(key, [...(byKey.get(key) ?? []), field]);
  }
  return [...byKey.values()].map((fieldNodes) => ({ fieldNodes, fragments: info.fragments }));
}

function fieldsOf(sets: readonly SelectionSetNode[], fragments: Record<string, FragmentDefinitionNode>, unconditional = false): FieldNode[] {
  const out: FieldNode[] = [];
  const visit = (set: SelectionSetNode, seen: Set<string>): void => {
    for (const selection of set.selections) {
      if (unconditional && (selection.directives?.length ?? 0) > 0) continue;
      if (selection.kind === Kind.FIELD) out.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, seen);
      else if (!seen.has(selection.name.value)) {
        const fragment = fragments[selection.name.value];
        if (fragment) visit(fragment.selectionSet, new Set([...seen, selection.name.value]));
      }
    }
  };
  for (const set of sets) visit(set, new Set());
  return out;
}

/** What a connection field's selection asks of Auth0. */
export interface ConnectionPlan {
  /** `totalCount` selected: worth a counted call or `include_totals`. */
  readonly totalCount: boolean;
  /**
   * `pageInfo.hasNextPage` selected: offset lists then ask for totals too, because a full last page cannot
   * otherwise be told from a middle one without one more call.
   */
  readonly hasNextPage: boolean;
  /** Fields selected on the nodes. */
  readonly nodeFields: ReadonlySet<string>;
  /** `edges @stream`: the connection may hold up to 1,000 edges, sent as they arrive (page-rules.ts). */
  readonly streamed: boolean;
}

export function planConnection(info: SelectionInfo): ConnectionPlan {
  return {
    totalCount: selectedFields(info).has('totalCount'),
    hasNextPage: selectedFields(info, ['pageInfo']).has('hasNextPage'),
    nodeFields: selectedFields(info, ['edges', 'node']),
    streamed: streamsEdges(info),
  };
}

/** Whether any `edges` selected under the connection field carries an active `@stream`. */
export function streamsEdges(info: SelectionInfo): boolean {
  const sets = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  return fieldsOf(sets, info.fragments).some((field) => field.name.value === 'edges' && isStreamedField(field, info.variableValues));
}

/** Offset lists send `include_totals` only when the answer needs a total. */
export function needsTotals(plan: ConnectionPlan): boolean {
  return plan.totalCount || plan.hasNextPage;
}
