import { Kind, visit } from 'graphql';
import type { DirectiveNode, DocumentNode, FieldNode, OperationDefinitionNode } from 'graphql';

/**
 * Incremental delivery (`@stream`, `@defer`) and live queries (`@live`) as the resolvers, the cost estimate
 * and the plugins must all read them: a directive counts unless its `if` is `false`, literally or through a
 * variable.
 */
export type Variables = Readonly<Record<string, unknown>> | null | undefined;

/** A live query is answered in parts too, over time: each part is a whole new answer. */
const INCREMENTAL = new Set(['stream', 'defer', 'live']);

/** Whether `directive` applies: `if` absent, true, or a variable not given as `false`. */
function isActive(directive: DirectiveNode, variables: Variables): boolean {
  const condition = directive.arguments?.find((argument) => argument.name.value === 'if')?.value;
  if (condition === undefined) return true;
  if (condition.kind === Kind.BOOLEAN) return condition.value;
  if (condition.kind === Kind.VARIABLE) return variables?.[condition.name.value] !== false;
  return true;
}

/** Whether the field's list is streamed: it carries an active `@stream`. */
export function isStreamedField(field: FieldNode, variables: Variables): boolean {
  return field.directives?.some((directive) => directive.name.value === 'stream' && isActive(directive, variables)) ?? false;
}

interface Found {
  readonly directives: readonly DirectiveNode[];
  /** Boolean defaults of the document's variables, for an `if: $variable` the request leaves out. */
  readonly defaults: Readonly<Record<string, boolean>>;
}

/** The `@stream` and `@defer` directives of each document, found once: yoga's parser cache reuses documents. */
const foundIn = new WeakMap<DocumentNode, Found>();

/**
 * Whether the document asks for its answer in parts: an active `@stream`, `@defer` or `@live` anywhere in it.
 * Such an operation runs under the stream deadline and budget, and its answer is never cached whole.
 */
export function isIncremental(document: DocumentNode, variables: Variables): boolean {
  let found = foundIn.get(document);
  if (found === undefined) {
    const directives: DirectiveNode[] = [];
    const defaults: Record<string, boolean> = {};
    visit(document, {
      Directive(directive) {
        if (INCREMENTAL.has(directive.name.value)) directives.push(directive);
      },
      VariableDefinition(definition) {
        if (definition.defaultValue?.kind === Kind.BOOLEAN) defaults[definition.variable.name.value] = definition.defaultValue.value;
      },
    });
    found = { directives, defaults };
    foundIn.set(document, found);
  }
  const { directives, defaults } = found;
  if (directives.length === 0) return false;
  const given = { ...defaults, ...variables };
  return directives.some((directive) => isActive(directive, given));
}

/** Whether `operation` is a live query: it carries an active `@live`. */
export function isLiveOperation(operation: OperationDefinitionNode, variables: Variables): boolean {
  const live = operation.directives?.find((directive) => directive.name.value === 'live');
  if (live === undefined) return false;
  const defaults: Record<string, boolean> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue?.kind === Kind.BOOLEAN) defaults[definition.variable.name.value] = definition.defaultValue.value;
  }
  return isActive(live, { ...defaults, ...variables });
}
