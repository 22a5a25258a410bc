import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DOCS = join(ROOT, 'docs');
const CITING = ['src', 'test', 'bench', 'scripts', 'docs'];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return /\.(?:ts|md)$/.test(entry.name) ? [path] : [];
  });
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens. */
function slugOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(doc: string): Set<string> {
  const headings = readFileSync(doc, 'utf8').match(/^#{1,6} .+$/gm) ?? [];
  return new Set(headings.map((heading) => slugOf(heading.replace(/^#+ /, ''))));
}

describe('links into docs/', () => {
  it('point at headings that exist', () => {
    const broken: string[] = [];
    for (const file of CITING.flatMap((dir) => files(join(ROOT, dir)))) {
      const text = readFileSync(file, 'utf8');
      const inDocs = file.startsWith(DOCS);
      // From code `docs/<name>.md#anchor`; between docs `<name>.md#anchor`, and `(#anchor)` within one.
      const links = [
        ...[...text.matchAll(inDocs ? /\b([a-z0-9-]+\.md)#([a-z0-9-]+)/g : /\bdocs\/([a-z0-9-]+\.md)#([a-z0-9-]+)/g)].map(
          ([, name = '', anchor = '']) => ({ doc: join(DOCS, name), anchor }),
        ),
        ...(inDocs ? [...text.matchAll(/\(#([a-z0-9-]+)\)/g)].map(([, anchor = '']) => ({ doc: file, anchor })) : []),
      ];
      for (const { doc, anchor } of links) {
        if (!existsSync(doc) || !anchorsOf(doc).has(anchor)) broken.push(`${relative(ROOT, file)} -> ${relative(ROOT, doc)}#${anchor}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
