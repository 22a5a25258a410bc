import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { escapeRegExp } from './scrub-text.ts';

/** This package's directory (two up from here), as stack frames print it: symlinks resolved. */
function installRoot(): string {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  try {
    return realpathSync(root);
  } catch {
    return root.replace(/\/+$/, '');
  }
}

/**
 * Removes where the server is installed from text: stack frames print absolute paths, which tell a reader of the
 * logs the machine's layout. Paths under the package become relative (`src/server.ts:12:3`), and a dependency's
 * path starts at `node_modules/`, wherever that directory lives (a workspace may link it from elsewhere).
 */
export function createPathScrubber(root: string = installRoot()): (text: string) => string {
  const base = root.replace(/\/+$/, '');
  // Only where a path starts (not inside one already made relative, as in node_modules/a/node_modules/b).
  const pattern = new RegExp(`(?<![\\w./-])(?:file://)?(?:${escapeRegExp(base)}/|/[^\\s"'()]*?/(?=node_modules/))`, 'g');
  return (text) => (text.includes(base) || text.includes('/node_modules/') ? text.replace(pattern, '') : text);
}
