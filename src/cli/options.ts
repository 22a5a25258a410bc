import { ConfigError } from '../config.ts';

/**
 * Splits a command's own options (`--seed 7`, `--seed=7`) from the rest, which go to `loadConfig`.
 * Values are checked by the command; here only their presence.
 */
export function takeOptions(argv: readonly string[], names: readonly string[]): { taken: Record<string, string>; rest: string[] } {
  const taken: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    if (!names.includes(flag)) {
      rest.push(arg);
      continue;
    }
    const value = eq === -1 ? argv[(i += 1)] : arg.slice(eq + 1);
    if (value === undefined || value.startsWith('--')) throw new ConfigError(flag, 'needs a value');
    taken[flag] = value;
  }
  return { taken, rest };
}

export function parseWholeNumber(flag: string, raw: string | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) > max) throw new ConfigError(flag, `must be a whole number from 0 to ${max}, got '${raw}'`);
  return Number(raw);
}

/** Rejects every flag in `argv` that is not in `allowed`, so a command never silently ignores one. */
export function assertOnlyFlags(argv: readonly string[], allowed: readonly string[], command: string): void {
  for (const arg of argv) {
    if (!arg.startsWith('--')) continue;
    const flag = arg.split('=', 1)[0] ?? arg;
    if (!allowed.includes(flag)) {
      throw new ConfigError(flag, `is not an option of \`auth0-graph ${command}\`; run \`auth0-graph help ${command}\``);
    }
  }
}

export function parseOnOff(flag: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined) return fallback;
  if (raw === 'on' || raw === 'off') return raw === 'on';
  throw new ConfigError(flag, `must be on or off, got '${raw}'`);
}
