import { Kind, getOperationAST } from 'graphql';
import type {
  DocumentNode, FieldNode, FragmentDefinitionNode, GraphQLCompositeType, GraphQLField, GraphQLSchema, GraphQLType, SelectionSetNode, ValueNode,
} from 'graphql';
import type { EndpointGroup } from '../auth0/types.ts';
import { declarationOf, needsRecord, typeDeclarationOf } from '../resolvers/field-declaration.ts';
import type { FieldCost, SourceKind } from '../resolvers/field-costs.ts';
import { isStreamedField } from '../resolvers/incremental.ts';
import { chunkUserIds } from '../resolvers/user-batch.ts';

export interface CostEstimate {
  /** Upper bound of the Management API calls the operation can make, whatever the cache holds. */
  readonly calls: number;
  /** The field (response path) that accounts for the most calls; undefined when nothing costs. */
  readonly mostExpensive: { readonly path: string; readonly calls: number } | undefined;
  /** The same calls by the rate-limit lane they draw on; lanes that cost nothing are absent. */
  readonly byLane: Readonly<Partial<Record<EndpointGroup, number>>>;
}

export interface CostInput {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operationName?: string | null;
  /** Variables as sent; only counts and ids are read from them, so they need no coercion. */
  readonly variables?: Readonly<Record<string, unknown>> | null;
}

/** Where the walk stands: how many parent instances, in how many separately fetched lists, sourced how. */
interface Scope {
  readonly instances: number;
  /** Separate list fetches the instances came from: DataLoader batches per list, not across lists. */
  readonly lists: number;
  readonly source: SourceKind;
  /** Page size of the connection being walked, which its `edges` multiply by. */
  readonly page: number;
}

interface Walk {
  readonly schema: GraphQLSchema;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  readonly variables: Record<string, unknown>;
  readonly byPath: Map<string, number>;
  readonly byLane: Partial<Record<EndpointGroup, number>>;
  readonly pooledIds: string[];
}

const NOTHING: CostEstimate = { calls: 0, mostExpensive: undefined, byLane: {} };

/**
 * Estimates, before execution, the Management API calls an operation can cost: list sizes from `first`,
 * nested lists multiplying, user profiles batched into searches, lookups by id batched by DataLoader. What
 * each field costs is the rule its declaration names (src/resolvers/field-declaration.ts), read off the
 * schema. The cache is ignored, so this is an upper bound of the calls made. Run it on validated documents.
 *
 * Types are told apart by their tag, never `instanceof`: graphql ships CJS and ESM builds, and the schema
 * may come from the other one (see isGraphQLError in src/plugins/mask-upstream-error.ts).
 */
export function estimateCost({ schema, document, operationName, variables }: CostInput): CostEstimate {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return NOTHING;
  const root = schema.getRootType(operation.operation);
  if (root === null || root === undefined) return NOTHING;
  const given: Record<string, unknown> = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const variable = definition.variable.name.value;
    if (given[variable] === undefined && definition.defaultValue !== undefined) given[variable] = valueOf(definition.defaultValue, {});
  }
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const walk: Walk = { schema, fragments, variables: given, byPath: new Map(), byLane: {}, pooledIds: [] };
  visit(walk, operation.selectionSet, root, { instances: 1, lists: 1, source: 'full', page: 0 }, '');
  if (walk.pooledIds.length > 0) addPooledLookups(walk, walk.pooledIds);
  let calls = 0;
  let mostExpensive: CostEstimate['mostExpensive'];
  for (const [path, cost] of walk.byPath) {
    calls += cost;
    if (cost > 0 && (mostExpensive === undefined || cost > mostExpensive.calls)) mostExpensive = { path, calls: cost };
  }
  return { calls, mostExpensive, byLane: walk.byLane };
}

/**
 * Lookups by id in one request share a DataLoader batch: one id is one GET; several are user searches
 * (chunked as the loader chunks them) plus, at worst, one consistent re-read per id the search misses
 * (unknown ids, users too new for the search index).
 */
function addPooledLookups(walk: Walk, ids: readonly string[]): void {
  const path = 'user/node lookups';
  // One GET /users/{id} draws on "all other endpoints"; the searches draw on the users lane.
  if (ids.length > 1) add(walk, path, chunkUserIds(ids).length, 'users');
  add(walk, path, ids.length, 'other');
}

function add(walk: Walk, path: string, calls: number, lane: EndpointGroup = 'other'): void {
  if (calls <= 0) return;
  walk.byPath.set(path, (walk.byPath.get(path) ?? 0) + calls);
  walk.byLane[lane] = (walk.byLane[lane] ?? 0) + calls;
}

/** Loading the records of partial parents: shared ones once per list, batched ones (users) per list, others each. */
function recordLoads(type: GraphQLCompositeType, scope: Scope): number {
  if (scope.source === 'shared') return scope.lists;
  const perCall = typeDeclarationOf(type)?.partial?.recordsPerCall;
  if (perCall !== undefined) return scope.lists * Math.ceil(scope.instances / scope.lists / perCall);
  return scope.instances;
}

function visit(walk: Walk, set: SelectionSetNode, type: GraphQLCompositeType, scope: Scope, path: string): void {
  const fields = collectFields(walk, set, type, scope, path);
  if (scope.source !== 'full' && needsRecord(type, fields.map((field) => field.name.value))) {
    add(walk, `${path || type.name} (record)`, recordLoads(type, scope), typeDeclarationOf(type)?.partial?.lane);
  }
  for (const node of fields) visitField(walk, node, type, scope, path);
}

function visitField(walk: Walk, node: FieldNode, parent: GraphQLCompositeType, scope: Scope, parentPath: string): void {
  const name = node.name.value;
  if (name.startsWith('__') || !('getFields' in parent)) return;
  const definition = parent.getFields()[name];
  if (definition === undefined) return;
  const path = parentPath === '' ? (node.alias?.value ?? name) : `${parentPath}.${node.alias?.value ?? name}`;
  const args = argumentsOf(definition, node, walk.variables);
  const childType = namedType(definition.type);
  const composite = isComposite(childType) ? childType : undefined;
  const children = node.selectionSet && composite ? collectFields(walk, node.selectionSet, composite, scope, path, false) : [];
  const selected = new Set(children.map((f) => f.name.value));
  const streamed = children.some((child) => child.name.value === 'edges' && isStreamedField(child, walk.variables));
  const declaration = declarationOf(definition);
  const cost = declaration?.cost?.(args, { fields: selected, needsRecord: needsRecord(composite, selected), streamed });
  if (cost !== undefined) {
    add(walk, path, cost.calls * scope.instances, declaration?.lane);
    if (cost.pooledIds !== undefined) walk.pooledIds.push(...cost.pooledIds);
  }
  if (node.selectionSet === undefined || composite === undefined) return;
  visit(walk, node.selectionSet, composite, childScope(name, scope, cost), path);
}

function childScope(name: string, scope: Scope, cost: FieldCost | undefined): Scope {
  if (cost?.pageSize !== undefined) {
    return { instances: scope.instances, lists: scope.instances, source: cost.source ?? 'full', page: cost.pageSize };
  }
  if (cost !== undefined) {
    const length = cost.listLength ?? 1;
    return { instances: scope.instances * length, lists: scope.lists, source: cost.source ?? 'full', page: 0 };
  }
  // Relay plumbing: a connection's edges are its page, an edge's node is one item; both keep the source.
  if (name === 'edges') return { ...scope, instances: scope.instances * scope.page };
  if (name === 'node') return scope;
  return { ...scope, source: 'full', page: 0 };
}

function tagOf(type: unknown): string {
  return typeof type === 'object' && type !== null ? Object.prototype.toString.call(type).slice(8, -1) : '';
}

function isAbstract(type: unknown): boolean {
  return tagOf(type) === 'GraphQLInterfaceType' || tagOf(type) === 'GraphQLUnionType';
}

function isComposite(type: unknown): type is GraphQLCompositeType {
  return tagOf(type) === 'GraphQLObjectType' || isAbstract(type);
}

function namedType(type: GraphQLType): unknown {
  let named: unknown = type;
  while (typeof named === 'object' && named !== null && 'ofType' in named) named = named.ofType;
  return named;
}

/** Argument values as given, literal or from variables; the cost rules read only counts, cursors and ids. */
function argumentsOf(definition: GraphQLField<unknown, unknown>, node: FieldNode, variables: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const argument of node.arguments ?? []) {
    if (definition.args.some((arg) => arg.name === argument.name.value)) args[argument.name.value] = valueOf(argument.value, variables);
  }
  return args;
}

function valueOf(value: ValueNode, variables: Readonly<Record<string, unknown>>): unknown {
  switch (value.kind) {
    case Kind.VARIABLE:
      return variables[value.name.value];
    case Kind.INT:
    case Kind.FLOAT:
      return Number(value.value);
    case Kind.STRING:
    case Kind.ENUM:
      return value.value;
    case Kind.BOOLEAN:
      return value.value;
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return value.values.map((item) => valueOf(item, variables));
    case Kind.OBJECT:
      return Object.fromEntries(value.fields.map((field) => [field.name.value, valueOf(field.value, variables)]));
  }
}

/**
 * The fields selected on `type`, through fragments whose condition applies. A fragment on a concrete type
 * under an abstract one (`node(id:) { ... on User }`) is walked as that type; `descend: false` only lists.
 */
function collectFields(
  walk: Walk,
  set: SelectionSetNode,
  type: GraphQLCompositeType,
  scope: Scope,
  path: string,
  descend = true,
  seen: Set<string> = new Set(),
): FieldNode[] {
  const out: FieldNode[] = [];
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      out.push(selection);
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : walk.fragments[selection.name.value];
    if (fragment === undefined) continue;
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      if (seen.has(selection.name.value)) continue;
      seen.add(selection.name.value);
    }
    const condition = fragment.typeCondition === undefined ? type : walk.schema.getType(fragment.typeCondition.name.value);
    if (condition === undefined || condition === null || condition === type || !isAbstract(type) || !isComposite(condition)) {
      out.push(...collectFields(walk, fragment.selectionSet, type, scope, path, descend, seen));
    } else if (descend) {
      visit(walk, fragment.selectionSet, condition, scope, path);
    }
  }
  return out;
}
