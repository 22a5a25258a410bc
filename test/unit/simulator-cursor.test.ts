import { describe, expect, it } from 'vitest';
import { createCursorRegistry, encodeCursor } from '../../src/simulator/api/cursor.ts';
import { SimulatorHttpError } from '../../src/simulator/errors.ts';

const JOINED = Date.UTC(2023, 2, 14, 11, 17, 19, 466);

describe('checkpoint cursors', () => {
  it('name the last record, in the observed "<timestamp>UTC,<id>" base64url shape, not when they were issued', () => {
    const cursors = createCursorRegistry(86_400_000);
    const cursor = cursors.issue(JOINED, 'org_Wz2uMwAVQmfRb03I', Date.UTC(2026, 0, 1));
    expect(Buffer.from(cursor, 'base64url').toString()).toBe('2023-03-14 11:17:19.466000UTC,org_Wz2uMwAVQmfRb03I');
    expect(cursors.issue(JOINED, 'org_Wz2uMwAVQmfRb03I', Date.UTC(2026, 0, 2))).toBe(cursor);
    expect(cursors.resume(cursor, Date.UTC(2026, 0, 2, 12))).toBe('org_Wz2uMwAVQmfRb03I');
  });

  it('keep ids containing separators', () => {
    const cursors = createCursorRegistry(1);
    expect(cursors.resume(cursors.issue(0, 'samlp|acme-saml|a,b@x.test', 0), 0)).toBe('samlp|acme-saml|a,b@x.test');
  });

  it('expire a TTL after they were last issued', () => {
    const cursors = createCursorRegistry(1000);
    const cursor = cursors.issue(JOINED, 'x', 0);
    expect(cursors.resume(cursor, 1000)).toBe('x');
    expect(() => cursors.resume(cursor, 1001)).toThrow(SimulatorHttpError);
    cursors.issue(JOINED, 'x', 5000);
    expect(cursors.resume(cursor, 5500)).toBe('x');
  });

  it('refuse garbage and well-formed cursors the simulator never issued with a 400', () => {
    const cursors = createCursorRegistry(1000);
    for (const cursor of ['not a cursor', Buffer.from('hello').toString('base64url'), encodeCursor(JOINED, 'x')]) {
      expect(() => cursors.resume(cursor, 0)).toThrow(expect.objectContaining({ status: 400 }));
    }
  });
});
