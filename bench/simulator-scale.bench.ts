import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ProbeResult } from './simulator-scale-probe.ts';

const probe = path.join(path.dirname(fileURLToPath(import.meta.url)), 'simulator-scale-probe.ts');
const SCALES = ['small', 'medium', 'large'] as const;

/** Each scale in a fresh process: heap after a forced GC is then that tenant's alone. */
async function measure(scale: string): Promise<ProbeResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', probe, scale], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as ProbeResult;
}

export async function run(): Promise<string> {
  const results: ProbeResult[] = [];
  for (const scale of SCALES) results.push(await measure(scale));
  const walkNames = Object.keys(results[0]?.walks ?? {});
  const lines = [
    '## Simulator tenants by scale',
    '',
    '`startSimulator({ scale })` in a fresh process per scale, no rate limit, no added latency. "start" is seeding, indexing',
    'and listening; "heap" is `heapUsed` after a forced GC minus the same before seeding. Walks are real HTTP from the same',
    'process, one request at a time, 100 records per page: total milliseconds (requests, records).',
    '',
    `| | ${results.map((r) => r.scale).join(' | ')} |`,
    `| --- | ${results.map(() => '---').join(' | ')} |`,
    `| users / organizations / largest | ${results.map((r) => `${r.users} / ${r.organizations} / ${r.largestMembers}`).join(' | ')} |`,
    `| start (ms) | ${results.map((r) => r.startMs).join(' | ')} |`,
    `| heap (MiB) / process RSS (MiB) | ${results.map((r) => `${r.heapMiB} / ${r.rssMiB}`).join(' | ')} |`,
    ...walkNames.map((name) => `| ${name} | ${results.map((r) => {
      const [ms, requests, records] = r.walks[name] ?? [0, 0, 0];
      return `${ms} (${requests}, ${records})`;
    }).join(' | ')} |`),
  ];
  return lines.join('\n');
}
