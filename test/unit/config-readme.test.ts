import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../src/config.ts';
import type { SettingSpec } from '../../src/config.ts';

const README = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../README.md'), 'utf8');

interface Row {
  readonly names: readonly string[];
  readonly flag: string;
  readonly defaultText: string;
}

/** The rows of the README's configuration table: `| variable | flag | default | meaning |`. */
function configurationRows(): Row[] {
  const section = README.split(/^## /m).find((part) => part.startsWith('Configuration\n')) ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [variables = '', flag = '', defaultText = ''] = line.split('|').slice(1, -1).map((cell) => cell.trim().replaceAll('`', ''));
      return { names: variables.split(',').map((name) => name.trim()), flag, defaultText };
    });
}

/** What the README's default column must say for a setting: the same text help prints. */
function shownDefault(spec: SettingSpec): string {
  if (spec.required === true) return 'required';
  return spec.default ?? spec.derivedDefault ?? '';
}

describe('the README configuration table', () => {
  const rows = configurationRows();
  const documented = rows.flatMap((row) => row.names.map((name) => ({ name, row })));

  it('lists every setting, and nothing else', () => {
    expect(documented.map(({ name }) => name).sort()).toEqual(SETTINGS.map((spec) => spec.env).sort());
  });

  it.each(SETTINGS.map((spec) => [spec.env, spec] as const))('gives %s the flag and default SETTINGS give it', (env, spec) => {
    const row = documented.find(({ name }) => name === env)?.row;
    expect(row).toBeDefined();
    expect({ flag: row?.flag, default: row?.defaultText }).toEqual({ flag: spec.flag ?? '', default: shownDefault(spec) });
  });
});
