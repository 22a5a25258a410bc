import { readFileSync, readdirSync } from 'node:fs';

const EXAMPLES = new URL('../../examples/', import.meta.url);

/** The billing dashboard's query leads: it is what the editor shows first. Other files follow by name. */
const LEADING = ['seats-per-organization.graphql', 'seats-streamed.graphql', 'seats-live.graphql', 'organization-members-roles.graphql'];

/**
 * The example dashboard queries (examples/*.graphql) as one document, so GraphiQL opens with them ready
 * to run: pick one from the run button's menu. Read once at startup; an empty string without the folder.
 */
export function exampleQueries(): string {
  let files: string[];
  try {
    files = readdirSync(EXAMPLES).filter((name) => name.endsWith('.graphql')).sort(byLeadingThenName);
  } catch {
    return '';
  }
  const header = '# Example dashboard queries: choose one from the run button (▶) menu.\n';
  return header + files.map((name) => `\n# examples/${name}\n${readFileSync(new URL(name, EXAMPLES), 'utf8').trim()}\n`).join('');
}

function byLeadingThenName(a: string, b: string): number {
  const rank = (name: string) => (LEADING.includes(name) ? LEADING.indexOf(name) : LEADING.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}
