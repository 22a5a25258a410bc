import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layers of src/, top first (docs/design.md#data-flow). A module may import its own unit and any unit of a
 * lower layer, never one above it nor a neighbour in its own layer. A unit is a folder under src/, or a file at
 * its root (`cli.ts` joins `cli/`). A new unit fails this test until it is placed here.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['cli'],
  ['check', 'config'],
  ['server'],
  ['plugins'],
  ['cost'],
  ['schema'],
  ['resolvers'],
  ['feed'],
  ['cache'],
  ['observability', 'simulator'],
  ['auth0'],
  ['config-types'],
];

/** Units only these may import: the simulator stands in for Auth0 in demos and tests, never in the server. */
const IMPORTED_ONLY_BY: Readonly<Record<string, readonly string[]>> = { simulator: ['cli'] };

/** Nothing below resolvers knows GraphQL exists. */
const GRAPHQL_FREE_BELOW = 'resolvers';
const GRAPHQL_PACKAGE = /^(?:graphql(?:-yoga)?|@pothos\/.*|@graphql-[^/]+\/.*|@apollo\/.*|@escape\.tech\/graphql-.*)$/;

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

interface Module {
  readonly file: string;
  readonly local: readonly string[];
  readonly packages: readonly string[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [relative(SRC, path)] : [];
  });
}

/** Static, type-only, re-exporting and dynamic imports alike: each is a dependency on what it names. */
function moduleOf(file: string): Module {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(SRC, file), 'utf8'), true, true);
  const specifiers = importedFiles.map((imported) => imported.fileName);
  return {
    file,
    local: specifiers.filter((specifier) => specifier.startsWith('.')).map((specifier) => relative(SRC, resolve(SRC, dirname(file), specifier))),
    packages: specifiers.filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:')),
  };
}

function unitOf(file: string): string {
  return file.split('/')[0]?.replace(/\.ts$/, '') ?? file;
}

function layerOf(unit: string): number {
  return LAYERS.findIndex((layer) => layer.includes(unit));
}

/** Import cycles among files, each as the path that closes it. */
function cyclesOf(modules: ReadonlyMap<string, Module>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    path.push(file);
    for (const target of modules.get(file)?.local ?? []) {
      if (!modules.has(target)) continue;
      if (state.get(target) === 'open') cycles.push([...path.slice(path.indexOf(target)), target]);
      else if (state.get(target) === undefined) visit(target);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of modules.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

const modules = new Map(sourceFiles(SRC).map((file) => [file, moduleOf(file)]));
const edges = [...modules.values()].flatMap((module) => module.local.map((target) => ({ from: module.file, to: target })));

describe('import layers of src/', () => {
  it('places every unit in a layer', () => {
    const units = new Set([...modules.keys()].map(unitOf));
    expect([...units].filter((unit) => layerOf(unit) < 0)).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cyclesOf(modules).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('imports only its own unit or a lower layer', () => {
    const upward = edges.filter(({ from, to }) => {
      const [source, target] = [unitOf(from), unitOf(to)];
      return source !== target && layerOf(target) <= layerOf(source);
    });
    expect(upward.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it('keeps the simulator out of everything but the CLI', () => {
    const refused = edges.filter(({ from, to }) => {
      const allowed = IMPORTED_ONLY_BY[unitOf(to)];
      return allowed !== undefined && unitOf(from) !== unitOf(to) && !allowed.includes(unitOf(from));
    });
    expect(refused.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it('keeps GraphQL out of the layers below resolvers', () => {
    const floor = layerOf(GRAPHQL_FREE_BELOW);
    const aware = [...modules.values()]
      .filter((module) => layerOf(unitOf(module.file)) > floor)
      .flatMap((module) => module.packages.filter((name) => GRAPHQL_PACKAGE.test(name)).map((name) => `${module.file} -> ${name}`));
    expect(aware).toEqual([]);
  });

  it('sees the imports it checks', () => {
    // A parser that found nothing would pass every rule above.
    expect(edges.some(({ from, to }) => from === 'server.ts' && to === 'schema/index.ts')).toBe(true);
    expect(modules.get('schema/builder.ts')?.packages).toContain('@pothos/core');
  });
});
