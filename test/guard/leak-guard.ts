import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { describeLeaks, findLeaks, readLeakRecords } from '../helpers/leak-scan.ts';

/**
 * The whole-suite secret guard. The simulator holds seeded secrets that carry a marker, and returns them to any
 * read without an allow-list; test/helpers/leak-record.ts records every GraphQL body, log line and served secret
 * the integration tests saw. After the run, any marker found fails it, naming the secret's kind and the test,
 * never its value. A teardown cannot fail a test, so it sets the exit code itself.
 */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'auth0-graph-leaks-'));
  project.provide('leakRecordDir', dir);
  return () => {
    const findings = findLeaks(readLeakRecords(dir));
    rmSync(dir, { recursive: true, force: true });
    if (findings.length === 0) return;
    process.exitCode = 1;
    throw new Error(describeLeaks(findings));
  };
}
