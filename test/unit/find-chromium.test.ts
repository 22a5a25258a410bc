import { describe, expect, it } from 'vitest';
import { findChromium } from '../e2e/find-chromium.ts';

// The browser test fails, never skips, without a browser; what it says then is the whole of a newcomer's help.

const only = (...present: string[]) => (path: string) => present.includes(path);

describe('findChromium', () => {
  it('takes CHROMIUM_PATH over a system chromium', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/chrome/chrome' }, only('/opt/chrome/chrome', '/usr/bin/chromium'))).toEqual({ found: true, path: '/opt/chrome/chrome' });
  });

  it('finds Debian or Ubuntu chromium when CHROMIUM_PATH is unset or empty', () => {
    expect(findChromium({}, only('/usr/bin/chromium'))).toEqual({ found: true, path: '/usr/bin/chromium' });
    expect(findChromium({ CHROMIUM_PATH: '' }, only('/usr/bin/chromium-browser'))).toEqual({ found: true, path: '/usr/bin/chromium-browser' });
  });

  it('with no browser, says how to install one and names the variable', () => {
    const lookup = findChromium({}, only());
    expect(lookup.found).toBe(false);
    if (lookup.found) return;
    expect(lookup.reason).toContain('apt-get install chromium');
    expect(lookup.reason).toContain('CHROMIUM_PATH');
  });

  it('does not fall back to a system chromium when CHROMIUM_PATH names a missing file', () => {
    const lookup = findChromium({ CHROMIUM_PATH: '/opt/typo/chrome' }, only('/usr/bin/chromium'));
    expect(lookup).toEqual({ found: false, reason: expect.stringContaining('CHROMIUM_PATH is /opt/typo/chrome, which does not exist') });
  });
});
