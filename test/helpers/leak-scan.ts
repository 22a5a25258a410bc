import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { secretKindsIn } from '../../src/simulator/seed/secrets.ts';

/**
 * One thing a test saw leave the product: a GraphQL response body, a log line, or the kinds of secret the
 * simulator served the product (only its `fields=` allow-lists keep them from arriving at all).
 */
export type LeakRecord =
  | { readonly source: 'graphql' | 'log'; readonly file: string; readonly test: string; readonly text: string }
  | { readonly source: 'upstream'; readonly file: string; readonly test: string; readonly route: string; readonly kinds: readonly string[] };

/** A secret kind found, where, and how often; never the secret itself. */
export interface LeakFinding {
  readonly kind: string;
  readonly source: LeakRecord['source'];
  readonly where: string;
  readonly count: number;
}

export function findLeaks(records: Iterable<LeakRecord>): LeakFinding[] {
  const found = new Map<string, LeakFinding>();
  for (const record of records) {
    const kinds = record.source === 'upstream' ? record.kinds : secretKindsIn(record.text);
    const where = record.source === 'upstream' ? `${record.file} > ${record.test} (${record.route})` : `${record.file} > ${record.test}`;
    for (const kind of kinds) {
      const key = JSON.stringify([kind, record.source, where]);
      const seen = found.get(key);
      found.set(key, { kind, source: record.source, where, count: (seen?.count ?? 0) + 1 });
    }
  }
  return [...found.values()];
}

/** Every record the workers appended under `dir`, one JSON object a line. */
export function* readLeakRecords(dir: string): Generator<LeakRecord> {
  for (const name of readdirSync(dir)) {
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      if (line !== '') yield JSON.parse(line) as LeakRecord;
    }
  }
}

export function describeLeaks(findings: readonly LeakFinding[]): string {
  const lines = findings.map((f) => `  ${f.kind} in ${f.source === 'upstream' ? 'an answer Auth0 sent the graph' : `a ${f.source === 'log' ? 'log line' : 'GraphQL response'}`} ×${f.count}: ${f.where}`);
  return [`Seeded secrets left the simulator (${findings.length}):`, ...lines].join('\n');
}
