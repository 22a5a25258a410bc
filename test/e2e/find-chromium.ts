import { existsSync } from 'node:fs';

/** Where Debian (`chromium`) and Ubuntu (`chromium-browser`) install it; `.ci/run` installs Debian's. */
export const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'] as const;

export type ChromiumLookup = { readonly found: true; readonly path: string } | { readonly found: false; readonly reason: string };

/**
 * The browser the GraphiQL test drives: `CHROMIUM_PATH` when set (and then only it, so a typo is not
 * papered over by a system browser), else the first system Chromium present. When none is, `reason` says
 * how to get one, for the test to fail with.
 */
export function findChromium(env: Readonly<Record<string, string | undefined>> = process.env, exists: (path: string) => boolean = existsSync): ChromiumLookup {
  const chosen = env.CHROMIUM_PATH;
  if (chosen !== undefined && chosen !== '') {
    if (exists(chosen)) return { found: true, path: chosen };
    return { found: false, reason: `CHROMIUM_PATH is ${chosen}, which does not exist: point it at a Chromium or Chrome binary, or unset it to use ${SYSTEM_CHROMIUM[0]}` };
  }
  const path = SYSTEM_CHROMIUM.find((candidate) => exists(candidate));
  if (path !== undefined) return { found: true, path };
  return {
    found: false,
    reason:
      `No Chromium at ${SYSTEM_CHROMIUM.join(' or ')}, and CHROMIUM_PATH is not set. The GraphiQL browser test needs one: ` +
      'install it (Debian: apt-get install chromium; Ubuntu: apt-get install chromium-browser), ' +
      'or set CHROMIUM_PATH to a Chromium or Chrome binary (e.g. CHROMIUM_PATH=/path/to/chrome npm run test:e2e).',
  };
}
