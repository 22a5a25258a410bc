import { describe, expect, it } from 'vitest';
import { attributeHeaders, isGlobal429 } from '../../src/auth0/rate-limit/bucket-attribution.ts';

describe('attributeHeaders', () => {
  it.each([
    ['no headers, lane bucket', undefined, 10, 50, 'lane'],
    ['no headers, global only', undefined, undefined, 2, 'global'],
    ['no headers, nothing configured', undefined, undefined, undefined, 'none'],
    ['storm limit 0 with a lane', 0, 10, undefined, 'lane'],
    ['lane only (essentials)', 5, 10, undefined, 'lane'],
    ['nearer the lane', 20, 20, 50, 'lane'],
    ['nearer the global bucket', 48, 20, 50, 'global'],
    ['exactly the global bucket, no lane', 2, undefined, 2, 'global'],
    ['a bucket the configuration lacks', 5, undefined, 20, 'learn-lane'],
    ['no configuration at all', 5, undefined, undefined, 'learn-lane'],
  ] as const)('%s', (_name, limit, laneBurst, globalBurst, attribution) => {
    expect(attributeHeaders(limit, laneBurst, globalBurst)).toBe(attribution);
  });
});

describe('isGlobal429', () => {
  it.each([
    [{ statusCode: 429, message: 'Global limit has been reached' }, true],
    [{ statusCode: 429, error: 'Too Many Requests' }, false],
    ['Global', false],
    [null, false],
  ])('%j → %s', (body, expected) => {
    expect(isGlobal429(body)).toBe(expected);
  });
});
