import { describe, expect, it } from 'vitest';
import { upstreamConnectionsFor } from '../../src/auth0/pool-size.ts';
import { RATE_LIMIT_PRESETS, resolvePreset } from '../../src/auth0/rate-limit/presets.ts';

describe('upstreamConnectionsFor', () => {
  it.each([
    // Every call takes a global token, so the global burst bounds what is in flight at once.
    ['enterprise (global 50 over lanes of 10, 40, 20)', RATE_LIMIT_PRESETS.enterprise, 50],
    // No global bucket: each lane bursts on its own, 40 + 5 + 20 + 20 + 10.
    ['essentials (lanes only)', RATE_LIMIT_PRESETS.essentials, 95],
    // Two at once would queue one resolver's fan-out; the floor holds.
    ['free (global 2)', RATE_LIMIT_PRESETS.free, 10],
    ['an operator burst of 200 on enterprise', resolvePreset('enterprise', undefined, 200), 200],
    ['a fractional burst', { global: { burst: 12.5 }, groups: {} }, 13],
  ])('sizes %s at %i', (_name, budget, expected) => {
    expect(upstreamConnectionsFor(budget)).toBe(expected);
  });

  it('holds every lane burst of a budget without a global bucket, whatever the lanes are called', () => {
    expect(upstreamConnectionsFor({ global: undefined, groups: { a: { burst: 30 }, b: { burst: 25 } } })).toBe(55);
  });
});
