import { describe, expect, it } from 'vitest';
import { createInvalidationBus, EVERYTHING, familyKey, listingKey, recordKey, touches } from '../../src/cache/invalidation.ts';

describe('touches', () => {
  const org = recordKey('Organization', 'org_1');
  it.each([
    [org, org, true],
    [recordKey('Organization', 'org_2'), org, false],
    [familyKey('Organization'), org, true],
    [familyKey('Organization'), listingKey('Organization'), true],
    [familyKey('User'), org, false],
    [listingKey('Organization'), org, false],
    [listingKey('Organization'), listingKey('Organization'), true],
    [EVERYTHING, org, true],
    [org, listingKey('Organization'), false],
  ])('%s touches %s: %s', (invalidated, read, expected) => {
    expect(touches(invalidated, read)).toBe(expected);
  });
});

describe('createInvalidationBus', () => {
  it('tells every subscriber until it unsubscribes, and skips empty batches', () => {
    const bus = createInvalidationBus();
    const seen: string[] = [];
    const stop = bus.subscribe((invalidation) => seen.push(`a:${invalidation.keys.join(',')}`));
    bus.subscribe((invalidation) => seen.push(`b:${invalidation.keys.join(',')}`));
    bus.publish({ keys: ['User:1'], cause: 's' });
    bus.publish({ keys: [], cause: 's' });
    stop();
    bus.publish({ keys: ['*'], cause: 'gap' });
    expect(seen).toEqual(['a:User:1', 'b:User:1', 'b:*']);
  });
});
