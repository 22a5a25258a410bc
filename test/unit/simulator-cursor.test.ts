import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/simulator/api/cursor.ts';
import { SimulatorHttpError } from '../../src/simulator/errors.ts';

describe('checkpoint cursors', () => {
  it('round-trip the last id, in the observed "<timestamp>UTC,<id>" base64url shape', () => {
    const cursor = encodeCursor(Date.UTC(2023, 2, 14, 11, 17, 19, 466), 'org_Wz2uMwAVQmfRb03I');
    expect(Buffer.from(cursor, 'base64url').toString()).toBe('2023-03-14 11:17:19.466000UTC,org_Wz2uMwAVQmfRb03I');
    expect(decodeCursor(cursor, Date.UTC(2023, 2, 14, 12), 86_400_000)).toBe('org_Wz2uMwAVQmfRb03I');
  });

  it('keep ids containing separators', () => {
    expect(decodeCursor(encodeCursor(0, 'samlp|acme-saml|a,b@x.test'), 0, 1)).toBe('samlp|acme-saml|a,b@x.test');
  });

  it('expire after the TTL and reject garbage with a 400', () => {
    const cursor = encodeCursor(0, 'x');
    expect(() => decodeCursor(cursor, 1001, 1000)).toThrow(SimulatorHttpError);
    expect(() => decodeCursor('not a cursor', 0, 1000)).toThrow(SimulatorHttpError);
    expect(() => decodeCursor(Buffer.from('hello').toString('base64url'), 0, 1000)).toThrow(SimulatorHttpError);
  });
});
