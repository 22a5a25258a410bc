import { describe, expect, it } from 'vitest';
import { createDocumentResponseCache } from '../../src/plugins/document-response-cache.ts';
import type { DocumentRequest } from '../../src/plugins/document-response-cache.ts';

const roster: DocumentRequest = {
  document: 'query($id: String!) { organization(organizationId: $id) { members { edges { node { userId } } } } }',
  operationName: undefined,
  variables: { id: 'org_1' },
  debug: false,
};
const MAX_BYTES = 2 ** 20;
const answer = { data: { organization: { members: { edges: [{ node: { userId: 'auth0|1' } }] } } } };

function fakeClock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('document response cache', () => {
  it('serves the stored answer for the same document and variables, frozen', () => {
    const cache = createDocumentResponseCache({ ttlMs: 5_000, maxBytes: MAX_BYTES, now: fakeClock().now });
    cache.set(roster, structuredClone(answer));
    const hit = cache.get({ ...roster, variables: { id: 'org_1' } });
    expect(hit).toEqual(answer);
    expect(Object.isFrozen(hit?.data)).toBe(true);
  });

  it('expires with the TTL', () => {
    const clock = fakeClock();
    const cache = createDocumentResponseCache({ ttlMs: 5_000, maxBytes: MAX_BYTES, now: clock.now });
    cache.set(roster, structuredClone(answer));
    clock.advance(4_999);
    expect(cache.get(roster)).toEqual(answer);
    clock.advance(2);
    expect(cache.get(roster)).toBeUndefined();
  });

  it('keeps apart other variables, other operation names, other documents and debug answers', () => {
    const cache = createDocumentResponseCache({ ttlMs: 5_000, maxBytes: MAX_BYTES, now: fakeClock().now });
    cache.set(roster, structuredClone(answer));
    expect(cache.get({ ...roster, variables: { id: 'org_2' } })).toBeUndefined();
    expect(cache.get({ ...roster, variables: {} })).toBeUndefined();
    expect(cache.get({ ...roster, operationName: 'Roster' })).toBeUndefined();
    expect(cache.get({ ...roster, document: `${roster.document} ` })).toBeUndefined();
    expect(cache.get({ ...roster, debug: true })).toBeUndefined();
  });

  it('never keeps an answer with errors', () => {
    const cache = createDocumentResponseCache({ ttlMs: 5_000, maxBytes: MAX_BYTES, now: fakeClock().now });
    cache.set(roster, { data: { organization: null }, errors: [new Error('rate limited')] as never });
    expect(cache.get(roster)).toBeUndefined();
    expect(cache.stats().entries).toBe(0);
  });

  it('is off with a TTL of 0', () => {
    const cache = createDocumentResponseCache({ ttlMs: 0, maxBytes: MAX_BYTES, now: fakeClock().now });
    cache.set(roster, structuredClone(answer));
    expect(cache.enabled).toBe(false);
    expect(cache.get(roster)).toBeUndefined();
  });

  it('stays within its byte bound, dropping the least recently used answers', () => {
    const cache = createDocumentResponseCache({ ttlMs: 60_000, maxBytes: 10_000, now: fakeClock().now });
    for (let index = 0; index < 200; index += 1) cache.set({ ...roster, variables: { id: `org_${index}` } }, structuredClone(answer));
    expect(cache.stats().bytes).toBeLessThanOrEqual(10_000);
    expect(cache.get({ ...roster, variables: { id: 'org_199' } })).toEqual(answer);
    expect(cache.get({ ...roster, variables: { id: 'org_0' } })).toBeUndefined();
  });

  it('sends a hit as the JSON measured at insert, without walking the answer again', () => {
    const cache = createDocumentResponseCache({ ttlMs: 5_000, maxBytes: MAX_BYTES, now: fakeClock().now });
    cache.set(roster, structuredClone({ ...answer, extensions: { note: 'kept' } }));
    const hit = cache.get(roster) as { stringify?: () => string } | undefined;
    expect(hit?.stringify?.()).toBe(JSON.stringify({ ...answer, extensions: { note: 'kept' } }));
    expect({ ...hit }).toEqual({ ...answer, extensions: { note: 'kept' } });
    expect(Object.keys(hit ?? {})).toEqual(['data', 'extensions']);
  });

  it('keeps no reference to the answer it was given', () => {
    const cache = createDocumentResponseCache({ ttlMs: 5_000, maxBytes: MAX_BYTES, now: fakeClock().now });
    const given = structuredClone(answer);
    cache.set(roster, given);
    given.data.organization.members.edges.length = 0;
    expect(cache.get(roster)).toEqual(answer);
  });

  it('a clear drops every answer, and an answer executed across a clear is not kept', () => {
    const cache = createDocumentResponseCache({ ttlMs: 5_000, maxBytes: MAX_BYTES, now: fakeClock().now });
    cache.set(roster, structuredClone(answer));
    const before = cache.epoch();
    cache.clear();
    expect(cache.get(roster)).toBeUndefined();
    cache.set(roster, structuredClone(answer), before);
    expect(cache.get(roster)).toBeUndefined();
    cache.set(roster, structuredClone(answer), cache.epoch());
    expect(cache.get(roster)).toEqual(answer);
  });
});
